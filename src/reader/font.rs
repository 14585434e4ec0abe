//! The reader's font: the system's (the host's `--av-font-family`), a serif, or a reading font made
//! for legibility (Lexend, self-hosted; the loader registers it only when it is chosen).

use super::choice::choice;

choice! {
    /// Font of the viewer's text.
    FontChoice {
        /// The system's interface font, or the host's `--av-font-family` (the default).
        System = "system" => "",
        /// A system serif (`--av-font-serif`).
        Serif = "serif" => "var(--av-font-serif)",
        /// Lexend, a font designed for reading ease, with Vietnamese (`--av-font-reading`).
        Reading = "reading" => "var(--av-font-reading)",
    }
    default System
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_round_trips_and_names_a_stack_of_the_stylesheet() {
        for v in FontChoice::ALL {
            assert_eq!(FontChoice::parse(v.key()), *v);
        }
        assert_eq!(FontChoice::System.css(), "");
        assert_eq!(FontChoice::Serif.css(), "var(--av-font-serif)");
        assert_eq!(FontChoice::Reading.css(), "var(--av-font-reading)");
        assert_eq!(FontChoice::parse("Comic Sans"), FontChoice::System);
    }
}
