//! Dates in a review's words: days left to a deadline, and dates as
//! people write them.

use jiff::civil::Date;

/// Days from `today` to `deadline`: positive while time is left.
pub fn days_left(deadline: Date, today: Date) -> i64 {
    i64::from((deadline - today).get_days())
}

/// "3 days left", "due today", "12 days overdue".
pub fn days_words(days: i64) -> String {
    match days {
        0 => "due today".into(),
        1 => "1 day left".into(),
        -1 => "1 day overdue".into(),
        d if d > 0 => format!("{d} days left"),
        d => format!("{} days overdue", -d),
    }
}

/// The deadline in words, and whether it is today or past.
pub fn deadline_words(deadline: Date, today: Date) -> (String, bool) {
    let days = days_left(deadline, today);
    (days_words(days), days <= 0)
}

/// How near a date is: far enough off, within the days that count as
/// soon, or today or past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Later,
    Soon,
    Due,
}

/// How near `deadline` is, when `soon` days or fewer left count as soon.
pub fn urgency(deadline: Date, today: Date, soon: i64) -> Urgency {
    match days_left(deadline, today) {
        d if d <= 0 => Urgency::Due,
        d if d <= soon => Urgency::Soon,
        _ => Urgency::Later,
    }
}

/// Days left in a list's column: "5 days left", "due today", "3 overdue".
pub fn days_short(days: i64) -> String {
    match days {
        0 => "due today".into(),
        1 => "1 day left".into(),
        d if d > 0 => format!("{d} days left"),
        d => format!("{} overdue", -d),
    }
}

/// A date as people write it: 9 March 2020.
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_soon_within_the_threshold_and_due_from_its_day() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
        let today = d("2025-03-01");
        assert_eq!(urgency(d("2025-03-20"), today, 14), Urgency::Later);
        assert_eq!(urgency(d("2025-03-15"), today, 14), Urgency::Soon);
        assert_eq!(urgency(d("2025-03-02"), today, 14), Urgency::Soon);
        assert_eq!(urgency(d("2025-03-01"), today, 14), Urgency::Due);
        assert_eq!(urgency(d("2025-02-01"), today, 14), Urgency::Due);
        assert_eq!(urgency(d("2025-03-02"), today, 0), Urgency::Later);
        assert_eq!(days_short(-3), "3 overdue");
        assert_eq!(days_short(0), "due today");
        assert_eq!(days_short(12), "12 days left");
    }

    #[test]
    fn deadline_words_count_days_either_side() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().expect("date");
        assert_eq!(
            deadline_words(d("2020-05-03"), d("2020-05-01")).0,
            "2 days left"
        );
        assert_eq!(
            deadline_words(d("2020-05-03"), d("2020-05-03")).0,
            "due today"
        );
        assert_eq!(
            deadline_words(d("2020-05-03"), d("2020-05-04")).0,
            "1 day overdue"
        );
        assert_eq!(
            deadline_words(d("2020-05-03"), d("2020-06-02")).0,
            "30 days overdue"
        );
    }
}
