//! Which column holds which field: the header row read in English or Estonian (the names
//! of the chronology-request form, and a few common variants), or as `--map-columns` says.

/// An event field a spreadsheet column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Date,
    Time,
    Agency,
    Kind,
    Summary,
    ChildSeen,
    ChildViews,
    Concerns,
    To,
    People,
    Source,
    Note,
    Action,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::Id,
        Field::Date,
        Field::Time,
        Field::Agency,
        Field::Kind,
        Field::Summary,
        Field::ChildSeen,
        Field::ChildViews,
        Field::Concerns,
        Field::To,
        Field::People,
        Field::Source,
        Field::Note,
        Field::Action,
    ];

    /// The field's key in a chronology file.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Date => "date",
            Field::Time => "time",
            Field::Agency => "agency",
            Field::Kind => "kind",
            Field::Summary => "summary",
            Field::ChildSeen => "child_seen",
            Field::ChildViews => "child_views",
            Field::Concerns => "concerns",
            Field::To => "to",
            Field::People => "people",
            Field::Source => "source",
            Field::Note => "note",
            Field::Action => "action",
        }
    }

    /// Headers recognised for the field, normalised (see [`normalise`]): the form's English
    /// and Estonian names first.
    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id", "tunnus"],
            Field::Date => &["date", "kuupäev", "kuupaev"],
            Field::Time => &["time", "kellaaeg", "kell"],
            Field::Agency => &["agency", "asutus"],
            Field::Kind => &["kind", "liik", "type", "event_kind", "sündmuse_liik"],
            Field::Summary => &[
                "summary",
                "kirjeldus",
                "what_happened",
                "mis_juhtus",
                "description",
                "sündmus",
            ],
            Field::ChildSeen => &[
                "child_seen",
                "laps_nähtud",
                "laps_nahtud",
                "last_nähti",
                "seen",
            ],
            Field::ChildViews => &[
                "child_views",
                "lapse_arvamus",
                "child's_views",
                "childs_views",
                "lapse_arvamus_ja_soovid",
            ],
            Field::Concerns => &["concerns", "mured", "concern", "mure"],
            Field::To => &["to", "kellele", "recipient", "saaja"],
            Field::People => &["people", "isikud", "persons"],
            Field::Source => &["source", "allikas"],
            Field::Note => &["note", "märkus", "markus", "notes", "märkused"],
            Field::Action => &["action", "tegevus", "action_taken"],
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A header as compared: trimmed, lower-case, spaces and hyphens as `_`.
pub fn normalise(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// What one column is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    Field(Field),
    /// Left out on purpose (`--map-columns "Header=-"`).
    Ignored,
}

/// `--map-columns` entries: a header (as normalised) and what it is for.
#[derive(Clone, Debug, Default)]
pub struct ColumnMap(Vec<(String, Use)>);

impl ColumnMap {
    /// Parses `Header=field,Other header=-`: a field key, or `-` to leave a column out.
    pub fn parse(text: &str) -> Result<ColumnMap, String> {
        let mut entries = Vec::new();
        for entry in text.split(',').filter(|e| !e.trim().is_empty()) {
            let (header, field) = entry
                .split_once('=')
                .ok_or_else(|| format!("`{entry}` is not HEADER=FIELD"))?;
            let field = field.trim();
            let use_ = if field == "-" {
                Use::Ignored
            } else {
                Use::Field(Field::from_key(field).ok_or_else(|| {
                    format!(
                        "`{field}` is not a field; fields: {}, or - to leave the column out",
                        Field::ALL.map(Field::key).join(", ")
                    )
                })?)
            };
            entries.push((normalise(header), use_));
        }
        Ok(ColumnMap(entries))
    }

    /// What a header is for: as mapped, else as recognised; `None` when unknown.
    pub fn recognise(&self, header: &str) -> Option<Use> {
        let header = normalise(header);
        if let Some((_, use_)) = self.0.iter().find(|(h, _)| *h == header) {
            return Some(*use_);
        }
        Field::ALL
            .into_iter()
            .find(|f| f.headers().contains(&header.as_str()))
            .map(Use::Field)
    }

    /// The known header closest to an unknown one, for a "did you mean" hint.
    pub fn closest(header: &str) -> Option<&'static str> {
        let header = normalise(header);
        Field::ALL
            .into_iter()
            .flat_map(|f| f.headers().iter().copied())
            .map(|known| (strsim::jaro_winkler(&header, known), known))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, known)| known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_either_language() {
        let map = ColumnMap::default();
        assert_eq!(map.recognise(" Kuupäev "), Some(Use::Field(Field::Date)));
        assert_eq!(
            map.recognise("Child seen"),
            Some(Use::Field(Field::ChildSeen))
        );
        assert_eq!(
            map.recognise("laps nähtud"),
            Some(Use::Field(Field::ChildSeen))
        );
        assert_eq!(
            map.recognise("What happened"),
            Some(Use::Field(Field::Summary))
        );
        assert_eq!(map.recognise("Colour"), None);
    }

    #[test]
    fn mapped_columns_win() {
        let map = ColumnMap::parse("Sissekanne=summary, Märkus=-").unwrap();
        assert_eq!(
            map.recognise("sissekanne"),
            Some(Use::Field(Field::Summary))
        );
        assert_eq!(map.recognise("märkus"), Some(Use::Ignored));
        assert!(ColumnMap::parse("a=nonsense").is_err());
        assert!(ColumnMap::parse("no equals sign").is_err());
    }
}
