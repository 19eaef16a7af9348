//! The JSON Schema of the format (draft 2020-12), generated from the declaration, for
//! editors (yaml-language-server). It checks what one file can show; what needs the whole
//! case (ids declared and unique, references, date order) is `casereview check`'s.

use serde_json::{Map, Value, json};

use super::*;

/// The schema of `case.yaml` and of a chronology file.
pub fn schema() -> Value {
    let mut defs = Map::new();
    for (name, def) in [
        (
            "format",
            json!({ "const": FORMAT, "description": "The format version of this file. Always `casereview/1`." }),
        ),
        (
            "id",
            json!({ "type": "string", "description": "An id: lowercase letters, digits, `-` and `_`, starting with a letter or digit.", "pattern": "^[a-z0-9][a-z0-9_-]*$" }),
        ),
        (
            "text",
            json!({ "description": "Free text, shown exactly as typed. A plain number or `true`/`false` is taken as written.", "type": ["string", "number", "boolean"] }),
        ),
        (
            "date",
            json!({
                "description": "A date at the precision known: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time, no seconds, no zone). `casereview check` also refuses impossible days (2023-02-30).",
                "anyOf": [
                    { "type": "string", "pattern": "^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9])?)?)?$" },
                    { "type": "integer", "minimum": 1000, "maximum": 9999 }
                ],
                "examples": ["2023", "2023-05", "2023-05-14", "2023-05-14T09:30"]
            }),
        ),
        (
            "flagId",
            json!({ "type": "string", "description": "A flag id, `CODE:anchor`: the rule's code and what the flag hangs on (e.g. G001:e014, G009:e010:fam-dr, G010:2023-06-01).", "pattern": "^G[0-9]{3}:.+$" }),
        ),
    ] {
        defs.insert(name.to_owned(), def);
    }
    for vocabulary in CLOSED_VOCABULARIES {
        defs.insert(
            vocabulary.def.to_owned(),
            json!({ "type": "string", "description": vocabulary.doc, "enum": vocabulary.words }),
        );
    }
    for vocabulary in [&CONCERNS, &PATTERNS] {
        defs.insert(
            vocabulary.def.to_owned(),
            json!({ "type": "string", "description": vocabulary.doc, "examples": vocabulary.words }),
        );
    }
    for section in SECTIONS {
        defs.insert(section.def.to_owned(), section_schema(section));
    }
    defs.insert(
        "caseEvent".to_owned(),
        json!({
            "$comment": "An event in case.yaml: there is no file-level default agency.",
            "allOf": [{ "$ref": "#/$defs/event" }, { "required": ["agency"] }]
        }),
    );
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://casereview.invalid/schema/casereview-1.json",
        "title": "casereview case format (casereview/1)",
        "description": "A multi-agency case review: case.yaml (the entry point) or an agency's chronology file. Unknown keys are errors. Checks that need the whole case (ids declared and unique, references, vocabularies, date order) are made by `casereview check`.",
        "oneOf": [{ "$ref": "#/$defs/caseFile" }, { "$ref": "#/$defs/chronologyFile" }],
        "$defs": defs,
    })
}

fn reference(def: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{def}") })
}

/// A value of `ty`, as the property of a section.
fn type_schema(ty: &Type, in_case_file: bool) -> Value {
    match ty {
        Type::Format => reference("format"),
        Type::Text | Type::ChildViews => reference("text"),
        Type::QuotedText => json!({ "type": "string", "examples": ["0.1", "1.0"] }),
        Type::Id => reference("id"),
        Type::Date => reference("date"),
        Type::Bool => json!({ "type": "boolean" }),
        Type::Integer => json!({ "type": "integer" }),
        Type::Count { max } => json!({ "type": "integer", "minimum": 0, "maximum": max }),
        Type::Word(vocabulary) | Type::OpenWord(vocabulary) => reference(vocabulary.def),
        Type::Country => {
            json!({ "type": "string", "pattern": "^[A-Z]{2}$", "examples": ["EE", "FI", "LV", "SE"] })
        }
        Type::FlagId => reference("flagId"),
        Type::Evidence => json!({
            "anyOf": [reference("id"), reference("flagId")],
            "description": "An episode id, an event id or a flag id."
        }),
        Type::Path => {
            json!({ "type": "string", "description": "A path relative to case.yaml, e.g. chronology/school.yaml.", "pattern": "^[^/]" })
        }
        // In case.yaml an event has no file to take its agency from.
        Type::Section(section) if in_case_file && section.def == EVENT.def => {
            reference("caseEvent")
        }
        Type::Section(section) => reference(section.def),
        Type::List(item) => {
            json!({ "type": ["array", "null"], "items": type_schema(item, in_case_file) })
        }
        Type::RuleSettings => json!({
            "type": ["object", "null"],
            "propertyNames": { "pattern": "^G[0-9]{3}$" },
            "additionalProperties": reference(RULE_SETTING.def),
        }),
    }
}

fn section_schema(section: &Section) -> Value {
    let in_case_file = section.def == CASE_FILE.def;
    let mut properties = Map::new();
    for key in section.keys {
        let mut property = type_schema(&key.ty, in_case_file);
        if let Value::Object(map) = &mut property {
            map.insert("description".to_owned(), Value::from(key.doc));
            // A required list cannot be null.
            if key.required && matches!(key.ty, Type::List(_)) {
                map.insert("type".to_owned(), Value::from("array"));
            }
        }
        properties.insert(key.name.to_owned(), property);
    }
    let nullable = if section.nullable {
        json!(["object", "null"])
    } else {
        json!("object")
    };
    let mut schema = json!({
        "type": nullable,
        "description": section.doc,
        "properties": properties,
        "additionalProperties": false,
    });
    let required: Vec<&str> = section.required().collect();
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    // What `check` also requires, where one file shows it.
    match section.def {
        "event" => schema["allOf"] = kind_needs(),
        "flagReview" => {
            schema["if"] = json!({ "required": ["status"], "properties": { "status": { "const": "dismissed" } } });
            schema["then"] = json!({ "required": ["note"] });
        }
        "caseFile" => {
            schema["properties"]["people"]["contains"] = json!({ "type": "object", "required": ["role"], "properties": { "role": { "const": "child" } } });
            schema["properties"]["people"]["minContains"] = json!(1);
            schema["properties"]["people"]["maxContains"] = json!(1);
        }
        "chronologyFile" => {
            schema["if"] = json!({ "required": ["agency"] });
            schema["else"] = json!({
                "$comment": "Without a file-level `agency`, every event names its own.",
                "properties": { "events": { "items": { "required": ["agency"] } } }
            });
        }
        _ => {}
    }
    schema
}

/// The fields an event of each kind needs, as `if kind … then required …`.
fn kind_needs() -> Value {
    let conditions: Vec<Value> = EVENT_KIND_NEEDS
        .iter()
        .map(|needs| {
            let kinds: Vec<&str> = needs.kinds.iter().map(|k| k.as_str()).collect();
            let when = match kinds.as_slice() {
                [one] => json!({ "const": one }),
                many => json!({ "enum": many }),
            };
            let list = |field: &str| matches!(EVENT.key(field).map(|k| &k.ty), Some(Type::List(_)));
            let one = |field: &str| {
                let mut then = json!({ "required": [field] });
                if list(field) {
                    then["properties"] = json!({ field: { "type": "array", "minItems": 1 } });
                }
                then
            };
            let then = match needs.any {
                [field] => one(field),
                fields => json!({ "anyOf": fields.iter().map(|f| one(f)).collect::<Vec<_>>() }),
            };
            json!({
                "$comment": needs.doc,
                "if": { "required": ["kind"], "properties": { "kind": when } },
                "then": then,
            })
        })
        .collect();
    Value::Array(conditions)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of every section and every word of every vocabulary is in the schema.
    #[test]
    fn the_schema_holds_every_key_and_word() {
        let schema = schema();
        let text = schema.to_string();
        for section in SECTIONS {
            let properties = &schema["$defs"][section.def]["properties"];
            for key in section.keys {
                assert!(
                    properties.get(key.name).is_some(),
                    "{}.{}",
                    section.def,
                    key.name
                );
            }
        }
        for vocabulary in CLOSED_VOCABULARIES.iter().chain([&&CONCERNS, &&PATTERNS]) {
            for word in vocabulary.words {
                assert!(text.contains(&format!("\"{word}\"")), "{word}");
            }
        }
    }
}
