//! The summary: counts per kind and status, before and after changes, and
//! recommendations by due date.

use super::*;

// ============================================================== summary

#[test]
fn summary_totals_match_the_check_counts_before_and_after_changes() {
    let mut app = example();
    let check = |app: &App| {
        let table = counts(app.inspection(), app.review());
        assert_eq!(
            table.iter().map(|r| r.kind).collect::<Vec<_>>(),
            app.inspection().kinds_present()
        );
        for row in &table {
            assert_eq!(
                row.total(),
                app.inspection().count(row.kind),
                "{:?}",
                row.kind
            );
        }
        assert_eq!(
            table.iter().map(KindCounts::total).sum::<usize>(),
            app.inspection().items.len()
        );
        table
    };
    let table = check(&app);
    assert_eq!(table[0].by_status, [11, 0, 0, 0, 0, 0]);
    assert_eq!(
        (table[0].total(), table[1].total(), table[2].total()),
        (11, 6, 8)
    );

    set_status(&mut app, "F1", Status::Accepted);
    set_status(&mut app, "F2", Status::Accepted);
    set_status(&mut app, "F3", Status::Complete);
    set_status(&mut app, "S1", Status::NotApplicable);
    set_status(&mut app, "R8", Status::NotAccepted);
    set_status(&mut app, "R7", Status::InProgress);
    let table = check(&app);
    assert_eq!(table[0].by_status, [8, 2, 0, 1, 0, 0]);
    assert_eq!(table[0].reviewed(), 3);
    assert_eq!(table[1].by_status, [5, 0, 0, 0, 0, 1]);
    assert_eq!(table[2].by_status, [6, 0, 1, 0, 1, 0]);
    let reviewed: usize = table.iter().map(KindCounts::reviewed).sum();
    assert_eq!((reviewed, app.inspection().items.len()), app.progress());
}

#[test]
fn the_summary_ignores_orphaned_entries() {
    let text = "version: 1\ninspection: mini\nitems:\n  GONE:\n    status: complete\n";
    let review = scrutiny::files::load_review(text.as_bytes(), "mini").expect("loads");
    let inspection = load_inspection(MINI.as_bytes()).expect("loads");
    let table = counts(&inspection, &review);
    assert_eq!(table.iter().map(KindCounts::total).sum::<usize>(), 7);
    assert!(table.iter().all(|r| r.by_status[3] == 0));
}

#[test]
fn recommendations_by_due_put_the_overdue_first() {
    let mut app = mini();
    let order = |app: &App| {
        recommendations_by_due(app.inspection(), app.review(), app.today())
            .into_iter()
            .map(|(item, overdue)| (item.id.clone(), overdue))
            .collect::<Vec<_>>()
    };
    let pair = |id: &str, overdue| (id.to_owned(), overdue);
    // Most overdue first; R4 has no date and is left out.
    assert_eq!(
        order(&app),
        [pair("R3", true), pair("R1", true), pair("R2", false)]
    );
    set_status(&mut app, "R3", Status::Complete);
    assert_eq!(
        order(&app),
        [pair("R1", true), pair("R3", false), pair("R2", false)]
    );
    // Long after: everything not complete is overdue.
    app = app.with_today(date("2025-01-01"));
    assert_eq!(
        order(&app),
        [pair("R1", true), pair("R2", true), pair("R3", false)]
    );
    // Before any date: nothing is.
    app = app.with_today(date("2024-01-01"));
    assert_eq!(
        order(&app),
        [pair("R3", false), pair("R1", false), pair("R2", false)]
    );
}

#[test]
fn the_summary_opens_and_closes_with_its_keys() {
    let mut app = example();
    press(&mut app, key(KeyCode::Char('s')));
    assert_eq!(app.mode().kind(), ModeKind::Summary);
    // Status keys do nothing there.
    assert_eq!(press(&mut app, key(KeyCode::Char('2'))), []);
    assert_eq!(app.status("F1"), Status::Unreviewed);
    press(&mut app, key(KeyCode::Char('s')));
    assert_eq!(app.mode().kind(), ModeKind::Normal);
}
