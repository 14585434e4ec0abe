//! Keyboard shortcuts of the queue, as a pure mapping from a key press to a command.

/// What a shortcut asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// `j`: the next comment.
    Next,
    /// `k`: the previous comment.
    Prev,
    /// `a`: approve the current comment.
    Approve,
    /// `r`: reject the current comment.
    Reject,
    /// `x`: select or unselect the current comment.
    Select,
    /// `u`, Ctrl+Z or ⌘Z: undo the last action.
    Undo,
}

/// A key press, as much of it as the shortcuts look at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// Control held.
    pub ctrl: bool,
    /// Meta (⌘) held.
    pub meta: bool,
    /// Alt held.
    pub alt: bool,
    /// Shift held.
    pub shift: bool,
}

/// The command for `press`; `letters` is false when the moderator turned single-key shortcuts off
/// (Ctrl+Z still undoes). Keys with Alt, and Ctrl/⌘ with anything but Z, are left to the browser.
pub fn command(press: Press<'_>, letters: bool) -> Option<Command> {
    if press.alt {
        return None;
    }
    let key = press.key.to_ascii_lowercase();
    if press.ctrl || press.meta {
        return (key == "z" && !press.shift).then_some(Command::Undo);
    }
    if !letters || press.shift {
        return None;
    }
    match key.as_str() {
        "j" => Some(Command::Next),
        "k" => Some(Command::Prev),
        "a" => Some(Command::Approve),
        "r" => Some(Command::Reject),
        "x" => Some(Command::Select),
        "u" => Some(Command::Undo),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Press<'_> {
        Press {
            key: k,
            ..Press::default()
        }
    }

    #[test]
    fn letters_map_to_commands() {
        assert_eq!(command(key("j"), true), Some(Command::Next));
        assert_eq!(command(key("k"), true), Some(Command::Prev));
        assert_eq!(command(key("a"), true), Some(Command::Approve));
        assert_eq!(command(key("r"), true), Some(Command::Reject));
        assert_eq!(command(key("x"), true), Some(Command::Select));
        assert_eq!(command(key("u"), true), Some(Command::Undo));
        assert_eq!(command(key("q"), true), None);
        assert_eq!(command(key("Enter"), true), None);
    }

    #[test]
    fn ctrl_z_undoes_even_with_letters_off() {
        let ctrl_z = Press {
            ctrl: true,
            ..key("z")
        };
        let cmd_z = Press {
            meta: true,
            ..key("z")
        };
        assert_eq!(command(ctrl_z, false), Some(Command::Undo));
        assert_eq!(command(cmd_z, true), Some(Command::Undo));
        assert_eq!(
            command(
                Press {
                    shift: true,
                    ..ctrl_z
                },
                true
            ),
            None,
            "redo is not undo"
        );
    }

    #[test]
    fn browser_and_screen_reader_keys_are_left_alone() {
        assert_eq!(command(key("a"), false), None, "single keys off");
        assert_eq!(
            command(
                Press {
                    ctrl: true,
                    ..key("a")
                },
                true
            ),
            None,
            "select all text"
        );
        assert_eq!(
            command(
                Press {
                    alt: true,
                    ..key("j")
                },
                true
            ),
            None
        );
        assert_eq!(
            command(
                Press {
                    shift: true,
                    ..key("J")
                },
                true
            ),
            None
        );
    }
}
