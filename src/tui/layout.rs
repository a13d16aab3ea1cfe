//! What a frame drew where: drawing returns it, the runner hands it to
//! `update` (`Msg::Drawn`), and the app keeps it to place the next click
//! and to scroll from where the screen left off.

use ratatui::layout::Rect;

/// The last frame's areas and the scroll positions it settled on.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ScreenLayout {
    /// Each list pane's inner rows area, by pane index.
    pub panes: Vec<(usize, Rect)>,
    pub detail: Rect,
    /// Screen rows of the detail pane that show a link, by link index.
    pub link_rows: Vec<(u16, usize)>,
    /// Each list pane drawn: its index, the first row shown (kept so the
    /// list scrolls smoothly) and how many rows it shows (for paging).
    pub lists: Vec<ListView>,
    /// The detail's first row shown, kept within the item's text.
    pub detail_scroll: Option<usize>,
    /// All the rows the detail's item takes, when the frame wrapped it to
    /// its end (a long text is wrapped only as far as shown).
    pub detail_rows: Option<usize>,
    /// How far the help is scrolled, kept within the help.
    pub help_scroll: Option<u16>,
    /// How far the view open (summary, history, the inspection's details)
    /// is scrolled, kept within it, and how many rows it shows.
    pub view: Option<(usize, usize)>,
    /// The screen said only that the terminal is too small to work in.
    pub too_small: bool,
}

/// Where a list pane was scrolled to, and how many rows it showed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ListView {
    pub pane: usize,
    pub offset: usize,
    pub height: usize,
}
