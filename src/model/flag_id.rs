//! Flag ids (`CODE:anchor`), part of the format: reviewers write them in `flag_reviews` and
//! `evidence`. Which anchor a code takes is the rule registry's to say
//! (`analysis::rules::REGISTRY`); here is only the shape of each kind.

use std::fmt;

/// What a rule's flags hang on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorKind {
    /// An event id: `G001:e014`.
    Event,
    /// A meeting event and an agency: `G009:e010:fam-dr`.
    MeetingAgency,
    /// A residence period's `from` as written (`G010:2023-06-01`), or its relative day
    /// (`G010:T-290`) in a case with `dates: relative`.
    ResidenceStart,
    /// An agency id: `G014:emo`.
    Agency,
    /// A person id: `G019:partner`.
    Person,
}

/// A flag id split into its code and anchor parts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FlagId {
    pub code: String,
    /// The anchor's parts: one, or two for `G009` (meeting, agency).
    pub anchor: Vec<String>,
}

/// Why a text is not a well-formed flag id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlagIdError {
    NoColon,
    UnknownCode(String),
    WrongShape {
        code: String,
        expected: &'static str,
    },
}

impl FlagId {
    pub fn new(code: &str, anchor: &[&str]) -> FlagId {
        FlagId {
            code: code.to_owned(),
            anchor: anchor.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Splits `CODE:anchor`; checks the code (by `anchor_of`, the registry's lookup) and the
    /// anchor's shape, not what it names.
    pub fn parse(
        text: &str,
        anchor_of: impl Fn(&str) -> Option<AnchorKind>,
    ) -> Result<(FlagId, AnchorKind), FlagIdError> {
        let (code, anchor) = text.split_once(':').ok_or(FlagIdError::NoColon)?;
        let kind = anchor_of(code).ok_or_else(|| FlagIdError::UnknownCode(code.to_owned()))?;
        let parts: Vec<String> = anchor.split(':').map(str::to_owned).collect();
        let (ok, expected) = match kind {
            AnchorKind::MeetingAgency => (parts.len() == 2, "`G009:<meeting event>:<agency>`"),
            AnchorKind::Event => (parts.len() == 1, "`<code>:<event id>`"),
            AnchorKind::Agency => (parts.len() == 1, "`<code>:<agency id>`"),
            AnchorKind::Person => (parts.len() == 1, "`<code>:<person id>`"),
            AnchorKind::ResidenceStart => (parts.len() == 1, "`G010:<residence from>`"),
        };
        if !ok || parts.iter().any(String::is_empty) {
            return Err(FlagIdError::WrongShape {
                code: code.to_owned(),
                expected,
            });
        }
        let id = FlagId {
            code: code.to_owned(),
            anchor: parts,
        };
        Ok((id, kind))
    }
}

impl fmt::Display for FlagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.code, self.anchor.join(":"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_of(code: &str) -> Option<AnchorKind> {
        match code {
            "G001" => Some(AnchorKind::Event),
            "G009" => Some(AnchorKind::MeetingAgency),
            "G010" => Some(AnchorKind::ResidenceStart),
            "G014" => Some(AnchorKind::Agency),
            "G019" => Some(AnchorKind::Person),
            _ => None,
        }
    }

    #[test]
    fn flag_ids_round_trip_and_shapes_are_checked() {
        let parse = |text| FlagId::parse(text, anchor_of).map(|(id, _)| id);
        for text in [
            "G001:e014",
            "G009:e010:fam-dr",
            "G010:2023-06-01",
            "G014:emo",
            "G019:partner",
        ] {
            assert_eq!(parse(text).unwrap().to_string(), text);
        }
        assert_eq!(parse("G001"), Err(FlagIdError::NoColon));
        assert!(matches!(parse("G099:e1"), Err(FlagIdError::UnknownCode(_))));
        assert!(matches!(
            parse("G009:e010"),
            Err(FlagIdError::WrongShape { .. })
        ));
        assert!(matches!(
            parse("G001:a:b"),
            Err(FlagIdError::WrongShape { .. })
        ));
    }
}
