//! The reading queue: what Listen says, in which order, and where it stands. Plain Rust, no
//! browser: the player (`player.rs`) turns the article's blocks into [`Source`]s, builds a
//! [`Queue`] and speaks its [`Item`]s one utterance each.

use crate::listen::words::Words;

/// What kind of block a piece of the article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The article's title.
    Title,
    /// The lead (sapo).
    Lead,
    /// A paragraph, heading, list item or quote: read as it is.
    Text,
    /// A figure or image: read as "Hình: caption" / "Figure: caption" (its alt text without a caption).
    Figure,
    /// A video or audio player: read as "Video: title".
    Media,
    /// A code block: skipped with a short notice.
    Code,
    /// A table: skipped with a short notice.
    Table,
    /// A formula: skipped with a short notice.
    Formula,
}

/// One block of the article as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Its kind.
    pub kind: Kind,
    /// Its text (a figure's caption, else its alternative text).
    pub text: String,
}

impl Source {
    /// A block of `kind` with `text`.
    pub fn new(kind: Kind, text: impl Into<String>) -> Source {
        Source {
            kind,
            text: text.into(),
        }
    }
}

/// One utterance: the words to say and the block (index into the sources) to highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// What is said.
    pub text: String,
    /// Index of the block in the list the queue was built from.
    pub block: usize,
}

/// Whether the queue is being read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum State {
    /// Not started, or stopped (the next Play starts from the beginning or the block in view).
    #[default]
    Stopped,
    /// Reading the current item.
    Playing,
    /// Paused on the current item (Play goes on from it).
    Paused,
}

/// Whitespace collapsed to single spaces, trimmed.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article's blocks as utterances, and the position of the reader in them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Queue {
    items: Vec<Item>,
    pos: usize,
    state: State,
}

impl Queue {
    /// Builds the utterances from the blocks: text as it is, figures and players announced, code,
    /// tables and formulas replaced by a notice (one per run of them), empty blocks left out.
    pub fn build(sources: &[Source], words: &Words) -> Queue {
        let mut items: Vec<Item> = Vec::new();
        let mut last_skip: Option<Kind> = None;
        for (block, source) in sources.iter().enumerate() {
            let text = tidy(&source.text);
            let said = match source.kind {
                Kind::Title | Kind::Lead | Kind::Text => text,
                Kind::Figure if text.is_empty() => String::new(),
                Kind::Figure => format!("{}: {text}", words.figure),
                Kind::Media if text.is_empty() => words.media.to_string(),
                Kind::Media => format!("{}: {text}", words.media),
                Kind::Code | Kind::Table | Kind::Formula => {
                    // A run of skipped blocks of one kind gets one notice.
                    if last_skip == Some(source.kind) {
                        continue;
                    }
                    last_skip = Some(source.kind);
                    let notice = match source.kind {
                        Kind::Code => words.skip_code,
                        Kind::Table => words.skip_table,
                        _ => words.skip_formula,
                    };
                    items.push(Item {
                        text: notice.to_string(),
                        block,
                    });
                    continue;
                }
            };
            if said.is_empty() {
                continue;
            }
            last_skip = None;
            items.push(Item { text: said, block });
        }
        Queue {
            items,
            pos: 0,
            state: State::Stopped,
        }
    }

    /// Every utterance, in order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Whether there is nothing to read.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Index of the current utterance.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Whether it is playing, paused or stopped.
    pub fn state(&self) -> State {
        self.state
    }

    /// The current utterance, if any.
    pub fn current(&self) -> Option<&Item> {
        self.items.get(self.pos)
    }

    /// The first utterance of block `block` or of the first block after it that has one.
    pub fn index_of_block(&self, block: usize) -> Option<usize> {
        self.items.iter().position(|i| i.block >= block)
    }

    /// Starts (or goes on) reading: from the current item when paused, else from the item of
    /// block `from` (the first block in view), or the beginning. Returns the item to say.
    pub fn play(&mut self, from: Option<usize>) -> Option<&Item> {
        if self.state == State::Stopped {
            self.pos = from.and_then(|b| self.index_of_block(b)).unwrap_or(0);
        }
        if self.items.is_empty() {
            return None;
        }
        self.state = State::Playing;
        self.current()
    }

    /// Pauses on the current item (the position stays).
    pub fn pause(&mut self) {
        if self.state == State::Playing {
            self.state = State::Paused;
        }
    }

    /// Stops: back to the beginning.
    pub fn stop(&mut self) {
        self.state = State::Stopped;
        self.pos = 0;
    }

    /// The current item was said: moves to the next and returns it, or stops at the end.
    pub fn finished(&mut self) -> Option<&Item> {
        if self.state != State::Playing {
            return None;
        }
        if self.pos + 1 < self.items.len() {
            self.pos += 1;
            self.current()
        } else {
            self.stop();
            None
        }
    }

    /// Moves to the next item (the state stays); returns it, or `None` at the end (no move).
    pub fn forward(&mut self) -> Option<&Item> {
        if self.pos + 1 < self.items.len() {
            self.pos += 1;
            if self.state == State::Stopped {
                self.state = State::Paused;
            }
            self.current()
        } else {
            None
        }
    }

    /// Moves to the previous item (the state stays); returns it, or `None` at the start (no move).
    pub fn back(&mut self) -> Option<&Item> {
        if self.pos > 0 {
            self.pos -= 1;
            if self.state == State::Stopped {
                self.state = State::Paused;
            }
            self.current()
        } else {
            None
        }
    }
}

/// A reading speed, from 0.75× to 2× (an index into [`Rate::STEPS`]: no float is parsed or
/// printed, which keeps this part small).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate(usize);

/// The stored and option forms of [`Rate::STEPS`].
const KEYS: [&str; 6] = ["0.75", "1", "1.25", "1.5", "1.75", "2"];

impl Rate {
    /// The speeds offered, slowest first.
    pub const STEPS: [f32; 6] = [0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

    /// The speed closest to `value` among [`Rate::STEPS`] (1× for nonsense).
    pub fn new(value: f32) -> Rate {
        let mut best = Rate::default();
        if value.is_finite() {
            for (i, step) in Rate::STEPS.into_iter().enumerate() {
                if (step - value).abs() < (Rate::STEPS[best.0] - value).abs() {
                    best = Rate(i);
                }
            }
        }
        best
    }

    /// Every speed offered, slowest first.
    pub fn all() -> impl Iterator<Item = Rate> {
        (0..KEYS.len()).map(Rate)
    }

    /// Reads a stored speed ("1.25"); 1× when it is not one of the offered speeds.
    pub fn parse(text: &str) -> Rate {
        KEYS.iter()
            .position(|k| *k == text.trim())
            .map(Rate)
            .unwrap_or_default()
    }

    /// The value for `SpeechSynthesisUtterance.rate`.
    pub fn value(self) -> f32 {
        Rate::STEPS[self.0]
    }

    /// The stored and option form ("1.25").
    pub fn key(self) -> &'static str {
        KEYS[self.0]
    }

    /// As a reader sees it: "1,25×" in Vietnamese, "1.25×" in English.
    pub fn label(self, decimal_comma: bool) -> String {
        let s = self.key();
        let s = if decimal_comma {
            s.replace('.', ",")
        } else {
            s.to_string()
        };
        format!("{s}×")
    }
}

impl Default for Rate {
    fn default() -> Self {
        Rate(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listen::words::{EN, VI};

    fn article() -> Vec<Source> {
        vec![
            Source::new(Kind::Title, "Tiêu đề"),
            Source::new(Kind::Lead, "  Sapo\n bài  "),
            Source::new(Kind::Figure, "Ảnh hội nghị"),
            Source::new(Kind::Text, "Đoạn một."),
            Source::new(Kind::Code, "fn main() {}"),
            Source::new(Kind::Code, "more code"),
            Source::new(Kind::Text, "   "),
            Source::new(Kind::Table, "a b c"),
            Source::new(Kind::Text, "Đoạn hai."),
            Source::new(Kind::Figure, ""),
            Source::new(Kind::Media, "Phóng sự"),
        ]
    }

    fn texts(q: &Queue) -> Vec<&str> {
        q.items().iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn reads_title_lead_and_body_in_order_with_figures_announced() {
        let q = Queue::build(&article(), &VI);
        assert_eq!(
            texts(&q),
            [
                "Tiêu đề",
                "Sapo bài",
                "Hình: Ảnh hội nghị",
                "Đoạn một.",
                VI.skip_code,
                VI.skip_table,
                "Đoạn hai.",
                "Video: Phóng sự",
            ]
        );
        let blocks: Vec<usize> = q.items().iter().map(|i| i.block).collect();
        assert_eq!(blocks, [0, 1, 2, 3, 4, 7, 8, 10]);
    }

    #[test]
    fn english_figures_and_notices() {
        let q = Queue::build(
            &[
                Source::new(Kind::Figure, "A map"),
                Source::new(Kind::Table, "x"),
                Source::new(Kind::Formula, "x"),
            ],
            &EN,
        );
        assert_eq!(texts(&q), ["Figure: A map", EN.skip_table, EN.skip_formula]);
    }

    #[test]
    fn one_notice_per_run_of_skipped_blocks_but_again_after_text() {
        let q = Queue::build(
            &[
                Source::new(Kind::Table, "1"),
                Source::new(Kind::Table, "2"),
                Source::new(Kind::Text, "between"),
                Source::new(Kind::Table, "3"),
            ],
            &EN,
        );
        assert_eq!(texts(&q), [EN.skip_table, "between", EN.skip_table]);
    }

    #[test]
    fn plays_to_the_end_then_stops_at_the_start() {
        let mut q = Queue::build(&article(), &VI);
        assert_eq!(q.state(), State::Stopped);
        assert_eq!(q.play(None).map(|i| i.block), Some(0));
        let mut said = 1;
        while q.finished().is_some() {
            said += 1;
        }
        assert_eq!(said, q.items().len());
        assert_eq!(q.state(), State::Stopped);
        assert_eq!(q.position(), 0);
    }

    #[test]
    fn pause_keeps_the_position_and_play_goes_on_from_it() {
        let mut q = Queue::build(&article(), &VI);
        q.play(None);
        q.finished();
        q.finished();
        q.pause();
        assert_eq!(q.state(), State::Paused);
        assert_eq!(q.position(), 2);
        // Nothing advances while paused (a late `end` event of the paused utterance).
        assert_eq!(q.finished(), None);
        assert_eq!(q.position(), 2);
        // Play goes on from the paused item, not from the block in view.
        assert_eq!(
            q.play(Some(8)).map(|i| i.text.as_str()),
            Some("Hình: Ảnh hội nghị")
        );
    }

    #[test]
    fn stop_goes_back_and_play_starts_at_the_block_in_view() {
        let mut q = Queue::build(&article(), &VI);
        q.play(None);
        q.finished();
        q.stop();
        assert_eq!((q.state(), q.position()), (State::Stopped, 0));
        // Block 6 (an empty paragraph) has no item: the next block that has one.
        assert_eq!(
            q.play(Some(6)).map(|i| i.text.as_str()),
            Some(VI.skip_table)
        );
        assert_eq!(
            q.play(Some(99)).map(|i| i.block),
            Some(7),
            "playing: position kept"
        );
        q.stop();
        assert_eq!(
            q.play(Some(99)).map(|i| i.block),
            Some(0),
            "past the end: the start"
        );
    }

    #[test]
    fn next_and_previous_move_within_bounds_and_keep_the_state() {
        let mut q = Queue::build(&article(), &VI);
        q.play(None);
        assert_eq!(q.back(), None);
        assert_eq!(q.forward().map(|i| i.block), Some(1));
        assert_eq!(q.state(), State::Playing);
        q.pause();
        assert_eq!(q.forward().map(|i| i.block), Some(2));
        assert_eq!(q.state(), State::Paused);
        assert_eq!(q.back().map(|i| i.block), Some(1));
        while q.forward().is_some() {}
        assert_eq!(q.position(), q.items().len() - 1);
        assert_eq!(q.forward(), None);
        // From stopped, Next prepares a paused position (Play then reads it).
        q.stop();
        q.forward();
        assert_eq!(q.state(), State::Paused);
        assert_eq!(q.play(None).map(|i| i.block), Some(1));
    }

    #[test]
    fn an_empty_article_never_plays() {
        let mut q = Queue::build(&[Source::new(Kind::Text, " ")], &EN);
        assert!(q.is_empty());
        assert_eq!(q.play(None), None);
        assert_eq!(q.state(), State::Stopped);
        assert_eq!(q.finished(), None);
    }

    #[test]
    fn speeds_snap_to_the_offered_steps() {
        assert_eq!(Rate::new(0.1).value(), 0.75);
        assert_eq!(Rate::new(1.3).value(), 1.25);
        assert_eq!(Rate::new(9.0).value(), 2.0);
        assert_eq!(Rate::new(f32::NAN).value(), 1.0);
        assert_eq!(Rate::parse("1.75").value(), 1.75);
        assert_eq!(Rate::parse("fast").value(), 1.0);
        assert_eq!(
            Rate::parse("1.3").value(),
            1.0,
            "only the offered speeds are read"
        );
        assert_eq!(Rate::parse("1.5").label(true), "1,5×");
        assert_eq!(Rate::parse("0.75").label(false), "0.75×");
        for (rate, step) in Rate::all().zip(Rate::STEPS) {
            assert_eq!(Rate::parse(rate.key()).value(), step);
            assert_eq!(Rate::new(step), rate);
        }
    }
}
