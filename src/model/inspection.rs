//! What a published report holds, once loaded and checked.

use jiff::civil::Date;

/// The four kinds of item a report lists, in the order panes show them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Kind {
    Finding,
    Strength,
    Recommendation,
    AreaForImprovement,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Finding,
        Kind::Strength,
        Kind::Recommendation,
        Kind::AreaForImprovement,
    ];

    /// The list's key in the inspection file.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Finding => "findings",
            Kind::Strength => "strengths",
            Kind::Recommendation => "recommendations",
            Kind::AreaForImprovement => "areas_for_improvement",
        }
    }

    /// The kind whose list has the key `key` in the inspection file.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The pane title.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Finding => "Findings",
            Kind::Strength => "Strengths",
            Kind::Recommendation => "Recommendations",
            Kind::AreaForImprovement => "Areas for improvement",
        }
    }

    /// A short pane title for narrow screens.
    pub fn short(self) -> &'static str {
        match self {
            Kind::Finding => "Findings",
            Kind::Strength => "Strengths",
            Kind::Recommendation => "Recs",
            Kind::AreaForImprovement => "AFIs",
        }
    }

    /// The kind as one word, for exports: `finding`, `strength`,
    /// `recommendation`, `area-for-improvement`.
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Finding => "finding",
            Kind::Strength => "strength",
            Kind::Recommendation => "recommendation",
            Kind::AreaForImprovement => "area-for-improvement",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            Kind::Finding => "finding",
            Kind::Strength => "strength",
            Kind::Recommendation => "recommendation",
            Kind::AreaForImprovement => "area for improvement",
        }
    }

    /// The keys an item of this kind may have.
    pub fn allowed_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Finding => &["id", "title", "text", "theme", "grade", "tags", "links"],
            Kind::Recommendation => &[
                "id",
                "title",
                "text",
                "theme",
                "tags",
                "links",
                "directed_to",
                "due",
            ],
            Kind::Strength | Kind::AreaForImprovement => {
                &["id", "title", "text", "theme", "tags", "links"]
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Item {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    pub text: Option<String>,
    pub theme: Option<String>,
    pub grade: Option<String>,
    pub tags: Strings,
    pub links: Strings,
    pub directed_to: Strings,
    pub due: Option<Date>,
}

/// A list of short texts (tags, links, bodies) in one buffer: an item with
/// millions of tags costs their bytes and four more each, not a `String`
/// and an allocation apiece.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Strings {
    text: String,
    /// Where each value ends in `text`. (Files are at most 512 MB, so
    /// every offset fits.)
    ends: Vec<u32>,
}

impl Strings {
    pub fn new() -> Self {
        Strings::default()
    }

    /// Add `value` at the end. A list past 4 GiB of text, which no file
    /// can hold, keeps what it has.
    pub fn push(&mut self, value: &str) {
        if let Ok(end) = u32::try_from(self.text.len() + value.len()) {
            self.text.push_str(value);
            self.ends.push(end);
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + DoubleEndedIterator + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    pub fn contains(&self, value: &str) -> bool {
        self.iter().any(|v| v == value)
    }

    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }
}

impl<S: AsRef<str>> FromIterator<S> for Strings {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut strings = Strings::new();
        for value in iter {
            strings.push(value.as_ref());
        }
        strings
    }
}

impl<'a> IntoIterator for &'a Strings {
    type Item = &'a str;
    type IntoIter = Box<dyn Iterator<Item = &'a str> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Strings {
    fn eq(&self, other: &[S; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl serde::Serialize for Strings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Read back as written: a sequence of texts.
impl<'de> serde::Deserialize<'de> for Strings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Texts;
        impl<'de> serde::de::Visitor<'de> for Texts {
            type Value = Strings;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of texts")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Strings, A::Error> {
                let mut strings = Strings::new();
                while seq.next_element_seed(Push(&mut strings))?.is_some() {}
                Ok(strings)
            }
        }
        deserializer.deserialize_seq(Texts)
    }
}

/// One text added to a list as it is read, never a `String` of its own.
struct Push<'a>(&'a mut Strings);

impl<'de> serde::de::DeserializeSeed<'de> for Push<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for Push<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a text")
    }
    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<(), E> {
        self.0.push(value);
        Ok(())
    }
}

/// The Police Act 1996 s55 period, in days, beginning on the day of publication.
pub const DEFAULT_RESPONSE_DAYS: u32 = 56;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub inspectorate: Option<String>,
    pub published: Option<Date>,
    pub response_due_days: u32,
    pub fieldwork: Option<String>,
    pub scope: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
}

impl Meta {
    /// A meta of only an id and a title, the rest unset (the period the
    /// law's): for inspections made up of others' items.
    pub fn named(id: impl Into<String>, title: impl Into<String>) -> Self {
        Meta {
            id: id.into(),
            title: title.into(),
            inspectorate: None,
            published: None,
            response_due_days: DEFAULT_RESPONSE_DAYS,
            fieldwork: None,
            scope: None,
            url: None,
            summary: None,
        }
    }

    /// The last day on which the response may be published: the period
    /// begins on the publication day, so it ends `days - 1` days later.
    pub fn response_deadline(&self) -> Option<Date> {
        let published = self.published?;
        let days = i64::from(self.response_due_days.max(1)) - 1;
        published.checked_add(jiff::Span::new().days(days)).ok()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    pub meta: Meta,
    /// Every item, grouped by kind in `Kind::ALL` order, each group in file order.
    pub items: Vec<Item>,
    index: Index,
}

/// Where each item is by id: positions in `items`, hashed by the id each
/// points at, so no id is held twice. Made from the items, so two are
/// always equal when their items are.
#[derive(Clone, Default)]
struct Index {
    table: hashbrown::HashTable<usize>,
    /// Seeded afresh in each run: ids come from files anyone may write.
    hasher: foldhash::fast::RandomState,
}

impl Index {
    /// The index of `items`: the last of any ids written twice.
    fn of(items: &[Item]) -> Self {
        use std::hash::BuildHasher as _;
        let hasher = foldhash::fast::RandomState::default();
        let mut table = hashbrown::HashTable::with_capacity(items.len());
        let hash = |i: &usize| hasher.hash_one(items[*i].id.as_str());
        for (i, item) in items.iter().enumerate() {
            let id = item.id.as_str();
            match table.entry(hasher.hash_one(id), |&at| items[at].id == id, hash) {
                hashbrown::hash_table::Entry::Occupied(mut at) => *at.get_mut() = i,
                hashbrown::hash_table::Entry::Vacant(at) => {
                    at.insert(i);
                }
            }
        }
        Index { table, hasher }
    }

    fn get(&self, items: &[Item], id: &str) -> Option<usize> {
        use std::hash::BuildHasher as _;
        self.table
            .find(self.hasher.hash_one(id), |&at| items[at].id == id)
            .copied()
    }
}

impl PartialEq for Index {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} ids)", self.table.len())
    }
}

/// Written as its meta and items; read back through `Inspection::new`,
/// which makes the index again.
impl serde::Serialize for Inspection {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&(&self.meta, &self.items), serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Inspection {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (meta, items): (Meta, Vec<Item>) = serde::Deserialize::deserialize(deserializer)?;
        Ok(Inspection::new(meta, items))
    }
}

impl Inspection {
    pub fn new(meta: Meta, mut items: Vec<Item>) -> Self {
        // A stable sort keeps file order within each kind. Files usually
        // list the kinds in this order already, and then the sort and the
        // memory it takes are spared.
        if !items.is_sorted_by_key(|item| item.kind) {
            items.sort_by_key(|item| item.kind);
        }
        let index = Index::of(&items);
        Inspection { meta, items, index }
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(&self.items, id)
    }

    pub fn get(&self, id: &str) -> Option<&Item> {
        self.position(id).map(|i| &self.items[i])
    }

    /// The kinds this report has items of, in pane order.
    pub fn kinds_present(&self) -> Vec<Kind> {
        Kind::ALL
            .into_iter()
            .filter(|k| !self.of_kind(*k).is_empty())
            .collect()
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.of_kind(kind).len()
    }

    /// The items of one kind, in file order, and where they start among
    /// all the items (which hold each kind together).
    pub fn of_kind_from(&self, kind: Kind) -> (usize, &[Item]) {
        let start = self.items.partition_point(|i| i.kind < kind);
        let end = self.items.partition_point(|i| i.kind <= kind);
        (start, &self.items[start..end])
    }

    /// The items of one kind, in file order.
    pub fn of_kind(&self, kind: Kind) -> &[Item] {
        self.of_kind_from(kind).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(published: &str, days: u32) -> Meta {
        Meta {
            id: "x".into(),
            title: "x".into(),
            inspectorate: None,
            published: Some(published.parse().expect("date")),
            response_due_days: days,
            fieldwork: None,
            scope: None,
            url: None,
            summary: None,
        }
    }

    #[test]
    fn deadline_counts_the_publication_day_as_day_one() {
        let due = |p, d| {
            meta(p, d)
                .response_deadline()
                .expect("deadline")
                .to_string()
        };
        assert_eq!(due("2020-03-09", 56), "2020-05-03");
        assert_eq!(due("2024-02-29", 56), "2024-04-24");
        assert_eq!(due("2023-12-31", 56), "2024-02-24");
        assert_eq!(due("2020-03-09", 1), "2020-03-09");
    }
}
