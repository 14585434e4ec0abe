//! Listen's and the compact bar's own words in Vietnamese and English (they load with this part,
//! not with the viewer).

use crate::i18n::UiLang;

/// Every fixed piece of text this part shows or says.
#[derive(Debug)]
pub struct Words {
    /// Said before a figure's caption.
    pub figure: &'static str,
    /// Said for a video or audio player.
    pub media: &'static str,
    /// Said in place of a code block.
    pub skip_code: &'static str,
    /// Said in place of a table.
    pub skip_table: &'static str,
    /// Said in place of a formula.
    pub skip_formula: &'static str,
    /// Label of the Listen controls.
    pub player_label: &'static str,
    /// The Play button.
    pub play: &'static str,
    /// The Pause button.
    pub pause: &'static str,
    /// The Resume button (after a pause).
    pub resume: &'static str,
    /// The Stop button.
    pub stop: &'static str,
    /// The previous-paragraph button.
    pub previous: &'static str,
    /// The next-paragraph button.
    pub next: &'static str,
    /// Label of the speed list.
    pub speed: &'static str,
    /// Label of the voice list.
    pub voice: &'static str,
    /// Announced when reading starts or goes on.
    pub reading: &'static str,
    /// Announced on pause.
    pub paused: &'static str,
    /// Announced on stop.
    pub stopped: &'static str,
    /// Announced at the end of the article.
    pub finished: &'static str,
    /// Announced when the speed changes; `{rate}` is the new speed.
    pub speed_changed: &'static str,
    /// Shown while the browser's voices are not known yet.
    pub finding_voices: &'static str,
    /// Shown when the browser has no voice for the article's language.
    pub no_voice: &'static str,
    /// Shown when the browser could not speak.
    pub speech_failed: &'static str,
    /// Label of the compact bar.
    pub bar_label: &'static str,
    /// The compact bar's Listen button.
    pub listen: &'static str,
    /// Spoken name of A−.
    pub smaller: &'static str,
    /// Spoken name of A+.
    pub larger: &'static str,
    /// Position line: `{n}` of `{total}`.
    pub position: &'static str,
}

/// Vietnamese.
pub static VI: Words = Words {
    figure: "Hình",
    media: "Video",
    skip_code: "Bỏ qua một đoạn mã.",
    skip_table: "Bỏ qua một bảng.",
    skip_formula: "Bỏ qua một công thức.",
    player_label: "Nghe bài viết",
    play: "Phát",
    pause: "Tạm dừng",
    resume: "Tiếp tục",
    stop: "Dừng",
    previous: "Đoạn trước",
    next: "Đoạn sau",
    speed: "Tốc độ",
    voice: "Giọng đọc",
    reading: "Đang đọc",
    paused: "Đã tạm dừng",
    stopped: "Đã dừng đọc",
    finished: "Đã đọc hết bài",
    speed_changed: "Tốc độ {rate}",
    finding_voices: "Đang tìm giọng đọc…",
    no_voice: "Trình duyệt này không có giọng đọc tiếng Việt, nên chưa thể đọc to bài viết. Hãy cài giọng tiếng Việt cho hệ điều hành (ví dụ “Microsoft An” trên Windows, “Linh” trên macOS và iOS) hoặc dùng Microsoft Edge.",
    speech_failed: "Trình duyệt không đọc được đoạn này.",
    bar_label: "Công cụ đọc",
    listen: "Nghe",
    smaller: "Giảm cỡ chữ",
    larger: "Tăng cỡ chữ",
    position: "Đoạn {n}/{total}",
};

/// English.
pub static EN: Words = Words {
    figure: "Figure",
    media: "Video",
    skip_code: "A code block is skipped.",
    skip_table: "A table is skipped.",
    skip_formula: "A formula is skipped.",
    player_label: "Listen to the article",
    play: "Play",
    pause: "Pause",
    resume: "Resume",
    stop: "Stop",
    previous: "Previous paragraph",
    next: "Next paragraph",
    speed: "Speed",
    voice: "Voice",
    reading: "Reading",
    paused: "Paused",
    stopped: "Stopped reading",
    finished: "End of the article",
    speed_changed: "Speed {rate}",
    finding_voices: "Looking for voices…",
    no_voice: "This browser has no voice for the article's language, so it cannot read it aloud. Install a voice for this language in your system's speech settings, or use another browser.",
    speech_failed: "The browser could not read this paragraph.",
    bar_label: "Reading tools",
    listen: "Listen",
    smaller: "Smaller text",
    larger: "Larger text",
    position: "Paragraph {n} of {total}",
};

/// The words for an interface language.
pub fn words(lang: UiLang) -> &'static Words {
    match lang {
        UiLang::Vi => &VI,
        UiLang::En => &EN,
    }
}
