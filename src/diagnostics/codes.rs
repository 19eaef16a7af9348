//! The registry of diagnostic codes. Codes are stable: a script may match on them, and a
//! retired code is never reused. `E` codes are errors (the case cannot be analysed), `W`
//! codes warnings (it can, with less confidence).

/// Error or warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $title:literal;)+) => {
        /// A diagnostic's stable code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)+ }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)+ }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)+ }
            }

            /// What the code is about, in a few words (for documentation).
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)+ }
            }
        }
    };
}

codes! {
    UnknownKey = "E0101", Error, "unknown key";
    DanglingReference = "E0102", Error, "reference to an id that is not declared";
    DuplicateId = "E0103", Error, "an id declared twice";
    InvalidDate = "E0104", Error, "invalid or impossible date";
    MissingField = "E0105", Error, "a required field is missing";
    InvalidValue = "E0106", Error, "a value of the wrong type or outside its vocabulary";
    InvalidId = "E0107", Error, "an id that is not of the form [a-z0-9][a-z0-9_-]*";
    YamlSyntax = "E0108", Error, "the file is not valid YAML";
    UnreadableFile = "E0109", Error, "a file that cannot be read as a case file";
    ChronologyPath = "E0110", Error, "a chronology path that is absolute, escapes the case folder or is listed twice";
    AnswerBeforeHandoff = "E0111", Error, "an answer dated before the handoff it answers";
    ReplyToWrongAgency = "E0112", Error, "`reply_to` naming an event that is not a handoff to this agency";
    OutcomeEvent = "E0113", Error, "no `outcome` event, more than one, or one off the outcome's date";
    ChildCount = "E0114", Error, "not exactly one person with `role: child`";
    TwoLeads = "E0115", Error, "more than one agency with `lead: true`";
    ResidenceClash = "E0116", Error, "two `residence` periods starting on the same date";
    MalformedFlagId = "E0117", Error, "a flag id with an unknown code or an anchor that names nothing";
    UnsupportedFormat = "E0118", Error, "a `format:` this version does not read";
    DismissalWithoutNote = "E0119", Error, "a dismissed flag review without a `note`";
    InvalidPeriod = "E0120", Error, "a period that ends before it starts";
    OutsideReviewPeriod = "W0101", Warning, "an event outside the review period";
    AfterOutcome = "W0102", Warning, "an event after the outcome";
    MissingSource = "W0103", Warning, "an event with no `source`";
    UnmatchedMove = "W0104", Warning, "a residence change with no matching `move` event, or the reverse";
    UnlistedChronology = "W0105", Warning, "a YAML file in `chronology/` that `chronologies:` does not list";
    Undecided = "W0106", Warning, "a rule left undecided by imprecise dates";
    ReviewOfNoFlag = "W0107", Warning, "a review of a flag that does not fire";
    NoLeadAgency = "W0108", Warning, "no lead agency: the rules that need one did not run";
    NotifierNamed = "W0109", Warning, "a confidential notification's summary names a person";
    ControlCharacter = "W0110", Warning, "a control character in free text (the report leaves it out)";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_prefixed_by_their_severity() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            let prefix = match code.severity() {
                Severity::Error => "E01",
                Severity::Warning => "W01",
            };
            assert!(code.as_str().starts_with(prefix), "{}", code.as_str());
        }
    }
}
