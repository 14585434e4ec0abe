//! Why an input could not be converted into an article.

/// A conversion failure; the message names the field for the publisher.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    /// A JSON format was detected or forced but the text is not JSON.
    #[error("the response is not JSON: {0}")]
    NotJson(String),
    /// A required field is missing, of the wrong type or has a wrong value.
    #[error("field `{field}`: {problem}")]
    Field {
        /// The path of the field in the input, such as `title.rendered` or `items[2].id`.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The feed has no item with the asked identifier.
    #[error("the feed has no item with id `{0}`")]
    ItemNotFound(String),
    /// A feed or list with no item at all.
    #[error("`{0}` is empty: there is no article in it")]
    Empty(String),
    /// The HTML page has no text that looks like an article body.
    #[error("no article text was found in the page")]
    NoContent,
    /// The forced format name is not one this converter knows.
    #[error("unknown format `{0}` (expected article, wordpress, jsonfeed or html)")]
    UnknownFormat(String),
}

impl ConvertError {
    /// A field error.
    pub fn field(field: impl Into<String>, problem: impl Into<String>) -> Self {
        ConvertError::Field {
            field: field.into(),
            problem: problem.into(),
        }
    }
}
