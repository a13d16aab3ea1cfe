//! Counting a review: items per kind and status, and what is overdue.

use jiff::civil::Date;

use super::inspection::{Inspection, Item, Kind};
use super::review::{Review, Status};

/// Items of one kind, counted by status in `Status::ALL` order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCounts {
    pub kind: Kind,
    pub by_status: [usize; 6],
}

impl KindCounts {
    pub fn total(&self) -> usize {
        self.by_status.iter().sum()
    }

    /// Items with any status but unreviewed.
    pub fn reviewed(&self) -> usize {
        self.total() - self.by_status[0]
    }

    /// Items still open: unreviewed, accepted or in progress.
    pub fn open(&self) -> usize {
        Status::ALL
            .iter()
            .zip(self.by_status)
            .filter(|(s, _)| s.is_open())
            .map(|(_, n)| n)
            .sum()
    }
}

/// Counts for every kind the inspection has, in pane order.
pub fn counts(inspection: &Inspection, review: &Review) -> Vec<KindCounts> {
    inspection
        .kinds_present()
        .into_iter()
        .map(|kind| {
            let mut by_status = [0; 6];
            for item in inspection.of_kind(kind) {
                let status = review.status(&item.id);
                let at = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
                by_status[at] += 1;
            }
            KindCounts { kind, by_status }
        })
        .collect()
}

/// Past its due date (`due`: the revised one, else the report's; if it has
/// one) and not complete.
pub fn is_overdue(due: Option<Date>, status: Status, today: Date) -> bool {
    due.is_some_and(|due| due < today) && status != Status::Complete
}

/// Recommendations with a due date: overdue ones (due before `today` and
/// not complete) first, most overdue first; then the rest by date.
pub fn recommendations_by_due<'a>(
    inspection: &'a Inspection,
    review: &Review,
    today: Date,
) -> Vec<(&'a Item, bool)> {
    let mut dated: Vec<(&Item, bool)> = inspection
        .of_kind(Kind::Recommendation)
        .iter()
        .filter(|i| review.due_of(i).is_some())
        .map(|i| (i, is_overdue(review.due_of(i), review.status(&i.id), today)))
        .collect();
    dated.sort_by_key(|(i, overdue)| (!overdue, review.due_of(i)));
    dated
}
