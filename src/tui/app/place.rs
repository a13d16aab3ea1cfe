//! Where the reviewer is, taken from the app and given back to a new one
//! (see `tui::place` for the file it is kept in).

use super::{App, PaneKind, SortOrder, status_key};
use crate::model::Status;
use crate::tui::place::{FilterPlace, PanePlace, Place};

impl PaneKind {
    /// The pane's kind as a place names it: the inspection list's key, or
    /// `orphans`.
    pub fn name(self) -> &'static str {
        match self {
            PaneKind::Items(kind) => kind.key(),
            PaneKind::Orphans => "orphans",
        }
    }
}

impl SortOrder {
    /// The order as a place names it.
    pub fn name(self) -> &'static str {
        match self {
            SortOrder::File => "file",
            SortOrder::Due => "due",
            SortOrder::Status => "status",
            SortOrder::Owner => "owner",
            SortOrder::Updated => "updated",
        }
    }

    pub fn from_name(name: &str) -> Option<SortOrder> {
        [
            SortOrder::File,
            SortOrder::Due,
            SortOrder::Status,
            SortOrder::Owner,
            SortOrder::Updated,
        ]
        .into_iter()
        .find(|s| s.name() == name)
    }
}

impl App {
    /// Where the reviewer is: the pane in focus, each pane's selected item
    /// and order, the filters and the search.
    pub fn place(&self) -> Place {
        let f = &self.filter;
        Place {
            focus: self.panes.get(self.focus).map(|p| p.kind.name().to_owned()),
            panes: self
                .panes
                .iter()
                .map(|pane| PanePlace {
                    kind: pane.kind.name().to_owned(),
                    selected: pane.selected_id(&self.inspection.items).map(str::to_owned),
                    sort: pane.sort.name().to_owned(),
                })
                .collect(),
            filter: FilterPlace {
                statuses: f
                    .statuses
                    .iter()
                    .filter_map(|&k| Status::ALL.get(k))
                    .map(|s| s.name().to_owned())
                    .collect(),
                theme: f.theme.clone(),
                directed_to: f.directed_to.clone(),
                overdue: f.overdue,
                response_needed: f.response_needed,
                conflicts: f.conflicts,
                owner: f.owner.clone(),
                rags: f.rags.iter().map(|r| r.name().to_owned()).collect(),
                signed_off: f.signed_off,
                awaiting_sign_off: f.awaiting_sign_off,
                slipped: f.slipped,
                due_soon: f.due_soon,
            },
            search: self.search.text.clone(),
        }
    }

    /// Go back to `place`, as far as the files still hold it: a pane, an
    /// item, a status, a theme, a body or an owner no longer there is
    /// passed over, and the rest restored.
    pub fn restore_place(&mut self, place: &Place) {
        let themes = self.themes();
        let bodies = self.bodies();
        let owners = self.owners();
        let kept =
            |value: &Option<String>, known: &[String]| value.clone().filter(|v| known.contains(v));
        let p = &place.filter;
        self.filter = super::Filter {
            statuses: p
                .statuses
                .iter()
                .filter_map(|name| Status::from_name(name))
                .map(status_key)
                .collect(),
            theme: kept(&p.theme, &themes),
            directed_to: kept(&p.directed_to, &bodies),
            overdue: p.overdue,
            response_needed: p.response_needed,
            conflicts: p.conflicts,
            owner: kept(&p.owner, &owners),
            rags: p
                .rags
                .iter()
                .filter_map(|name| crate::model::tracking::Rag::from_name(name))
                .collect(),
            signed_off: p.signed_off,
            awaiting_sign_off: p.awaiting_sign_off,
            slipped: p.slipped,
            due_soon: p.due_soon,
        };
        // Searches are typed, a line at a time: one from a file is kept to
        // a line of reasonable length.
        self.search.text = place
            .search
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(200)
            .collect();
        for saved in &place.panes {
            let pane = self.panes.iter_mut().find(|p| p.kind.name() == saved.kind);
            if let (Some(pane), Some(sort)) = (pane, SortOrder::from_name(&saved.sort)) {
                pane.sort = sort;
            }
        }
        self.refresh_rows();
        for saved in &place.panes {
            let Some(pane) = self.panes.iter_mut().find(|p| p.kind.name() == saved.kind) else {
                continue;
            };
            let items = &self.inspection.items;
            if let Some(row) = saved
                .selected
                .as_deref()
                .and_then(|id| pane.row_of(id, items))
            {
                pane.selected = row;
            }
        }
        if let Some(at) = place
            .focus
            .as_deref()
            .and_then(|kind| self.panes.iter().position(|p| p.kind.name() == kind))
        {
            self.focus = at;
        }
        self.detail_scroll = 0;
        self.links.chosen = None;
        self.refresh();
    }
}
