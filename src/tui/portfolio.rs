//! Several inspections at once: an overview of each one's deadline and
//! progress, from which one is opened in the usual view and returned to.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::model::summary::{KindCounts, counts};
use crate::model::{Inspection, Kind, Review};
use crate::tui::app::{Action, App, Effect, Message, ModeKind, Msg};
use crate::tui::keymap::Keymap;

/// One inspection's numbers for the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub title: String,
    pub published: Option<Date>,
    pub deadline: Option<Date>,
    pub items: usize,
    pub reviewed: usize,
    pub recommendations: usize,
    /// Recommendations not yet closed: neither complete, not accepted nor
    /// not applicable.
    pub open_recommendations: usize,
    /// The owners the review names, each once.
    pub owners: Vec<String>,
}

impl Stats {
    pub fn of(inspection: &Inspection, review: &Review) -> Self {
        let table = counts(inspection, review);
        let reviewed = table.iter().map(KindCounts::reviewed).sum();
        let recommendations = table.iter().find(|k| k.kind == Kind::Recommendation);
        Stats {
            title: inspection.meta.title.clone(),
            published: inspection.meta.published,
            deadline: inspection.meta.response_deadline(),
            items: inspection.items.len(),
            reviewed,
            recommendations: recommendations.map_or(0, KindCounts::total),
            open_recommendations: recommendations.map_or(0, KindCounts::open),
            owners: {
                let set: std::collections::BTreeSet<&String> = review
                    .ids()
                    .filter_map(|id| review.entry(id).and_then(|e| e.owner.as_ref()))
                    .collect();
                set.into_iter().cloned().collect()
            },
        }
    }

    /// Reviewed items as a fraction of all.
    pub fn progress(&self) -> f64 {
        if self.items == 0 {
            1.0
        } else {
            #[allow(clippy::cast_precision_loss, reason = "item counts are far below 2^52")]
            let fraction = self.reviewed as f64 / self.items as f64;
            fraction
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: PathBuf,
    /// The numbers, or why the file did not load.
    pub stats: Result<Stats, String>,
}

/// How the overview orders its rows; `S` cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PortfolioSort {
    /// Soonest (or most overdue) response deadline first.
    #[default]
    Deadline,
    /// Least reviewed first.
    Progress,
    /// By file name.
    File,
}

impl PortfolioSort {
    pub fn label(self) -> &'static str {
        match self {
            PortfolioSort::Deadline => "by response deadline",
            PortfolioSort::Progress => "by progress",
            PortfolioSort::File => "by file name",
        }
    }

    #[must_use]
    pub fn next(self) -> Self {
        match self {
            PortfolioSort::Deadline => PortfolioSort::Progress,
            PortfolioSort::Progress => PortfolioSort::File,
            PortfolioSort::File => PortfolioSort::Deadline,
        }
    }
}

pub struct Portfolio {
    entries: Vec<Entry>,
    /// Entry indices in display order.
    order: Vec<usize>,
    /// The highlighted row, an index into `order`.
    selected: usize,
    sort: PortfolioSort,
    today: Date,
    keys: Keymap,
    colour: bool,
    reviewer: String,
    message: Option<Message>,
    /// The inspection open in the usual view, with its entry index.
    open: Option<(usize, Box<App>)>,
    /// The entry being opened, until the runner reports back.
    opening: Option<usize>,
}

impl Portfolio {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Entry indices in display order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The highlighted row, an index into `order`.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn sort(&self) -> PortfolioSort {
        self.sort
    }

    pub fn today(&self) -> Date {
        self.today
    }

    pub fn keys(&self) -> &Keymap {
        &self.keys
    }

    pub fn colour(&self) -> bool {
        self.colour
    }

    pub fn reviewer(&self) -> &str {
        &self.reviewer
    }

    #[allow(clippy::ref_option, reason = "compared whole, as `Some(Message::…)`")]
    pub fn message(&self) -> &Option<Message> {
        &self.message
    }

    /// The inspection open in the usual view, with its entry index.
    pub fn open(&self) -> Option<&(usize, Box<App>)> {
        self.open.as_ref()
    }

    /// The inspection open in the usual view, to hand to the runner.
    pub fn open_mut(&mut self) -> Option<&mut App> {
        self.open.as_mut().map(|(_, app)| &mut **app)
    }

    /// The overview with these keys in force.
    #[must_use]
    pub fn with_keys(mut self, keys: Keymap) -> Self {
        self.keys = keys;
        self
    }

    /// The overview drawn in colour, or not (`NO_COLOR`).
    #[must_use]
    pub fn with_colour(mut self, colour: bool) -> Self {
        self.colour = colour;
        self
    }

    /// The overview as on `today`, for deadlines and what is overdue.
    #[must_use]
    pub fn with_today(mut self, today: Date) -> Self {
        self.today = today;
        self.resort();
        self
    }

    pub fn new(entries: Vec<Entry>, reviewer: String, today: Date) -> Self {
        let mut portfolio = Portfolio {
            order: (0..entries.len()).collect(),
            entries,
            selected: 0,
            sort: PortfolioSort::default(),
            today,
            keys: Keymap::default(),
            colour: true,
            reviewer,
            message: None,
            open: None,
            opening: None,
        };
        portfolio.resort();
        portfolio.selected = 0;
        portfolio
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.order.get(self.selected).map(|&i| &self.entries[i])
    }

    /// Order the rows, keeping the highlighted entry highlighted. Files
    /// that failed to load come last.
    fn resort(&mut self) {
        let keep = self.order.get(self.selected).copied();
        let entries = &self.entries;
        let mut order: Vec<usize> = (0..entries.len()).collect();
        match self.sort {
            PortfolioSort::Deadline => order.sort_by_key(|&i| match &entries[i].stats {
                Ok(s) => (0, s.deadline.is_none(), s.deadline),
                Err(_) => (1, true, None),
            }),
            PortfolioSort::Progress => order.sort_by(|&a, &b| {
                let key = |i: usize| {
                    entries[i]
                        .stats
                        .as_ref()
                        .map_or(f64::INFINITY, Stats::progress)
                };
                key(a).total_cmp(&key(b))
            }),
            PortfolioSort::File => order.sort_by(|&a, &b| entries[a].path.cmp(&entries[b].path)),
        }
        self.order = order;
        self.selected = keep
            .and_then(|k| self.order.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    /// Apply an action or report; the runner carries out the effects.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Effect> {
        let action = match msg.into() {
            Msg::Opened(result) => return self.opened(*result),
            msg => msg,
        };
        if let Some((index, app)) = &mut self.open {
            let effects = app.update(action);
            // The app asks to close only with nothing left unsaved.
            if !effects.contains(&Effect::Close) {
                return effects;
            }
            // Back to the overview, with this inspection's numbers updated.
            self.entries[*index].stats = Ok(Stats::of(app.inspection(), app.review()));
            let keep = Effect::KeepPlace {
                review: app.save().path.clone(),
                place: Box::new(app.place()),
            };
            self.open = None;
            self.resort();
            // The runner keeps where the reviewer was, and lets the review
            // (and its lock) go.
            return vec![keep, Effect::Close];
        }
        let Msg::Act(action) = action else {
            return Vec::new();
        };
        let last = self.order.len().saturating_sub(1);
        match action {
            Action::MoveDown => self.selected = (self.selected + 1).min(last),
            Action::MoveUp => self.selected = self.selected.saturating_sub(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.resort();
                self.message = Some(Message::Info(format!("Sorted {}", self.sort.label())));
            }
            Action::Open => {
                if let Some(&index) = self.order.get(self.selected) {
                    let entry = &self.entries[index];
                    match &entry.stats {
                        Ok(_) => {
                            self.opening = Some(index);
                            return vec![Effect::Open(entry.path.clone())];
                        }
                        Err(why) => self.message = Some(Message::Error(first_line(why))),
                    }
                }
            }
            Action::Quit => return vec![Effect::Quit],
            Action::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        Vec::new()
    }

    fn opened(&mut self, result: Result<crate::files::workspace::Pair, String>) -> Vec<Effect> {
        let by_path = match &result {
            Ok(pair) => self.entries.iter().position(|e| e.path == pair.path),
            Err(_) => self.order.get(self.selected).copied(),
        };
        let Some(index) = self.opening.take().or(by_path) else {
            return Vec::new();
        };
        match result {
            Ok(pair) => {
                self.entries[index].stats = Ok(Stats::of(&pair.inspection, &pair.review));
                let back = self.keys.hint(ModeKind::Normal, &Action::Back);
                let owners = self
                    .entries
                    .iter()
                    .filter_map(|e| e.stats.as_ref().ok())
                    .flat_map(|s| s.owners.iter().cloned())
                    .collect();
                let app = App::from_pair(pair, self.reviewer.clone(), self.today)
                    .with_known_owners(owners)
                    .with_keys(self.keys.clone())
                    .with_colour(self.colour)
                    .opened_from_portfolio()
                    .with_message(Message::Info(format!("{back} goes back to the overview")));
                self.open = Some((index, Box::new(app)));
            }
            Err(why) => {
                self.message = Some(Message::Error(first_line(&why)));
                self.entries[index].stats = Err(why);
                self.resort();
            }
        }
        Vec::new()
    }

    /// The mode whose keys are in force.
    pub fn mode(&self) -> ModeKind {
        self.open
            .as_ref()
            .map_or(ModeKind::Portfolio, |(_, app)| app.mode().kind())
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or(text).to_owned()
}
