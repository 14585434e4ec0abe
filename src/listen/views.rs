//! The views of this part: the Listen panel under the toolbar, the compact bar and the live
//! region. They only show the player's signals and call its methods.

use crate::listen::blocks::first_in_view;
use crate::listen::player::{Player, Ui};
use crate::listen::queue::{Rate, State};
use crate::listen::words::{Words, VI};
use crate::reader::store::use_settings;
use crate::reader::text_size::TextSize;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The visible words explaining why nothing can be read (no voice), or that voices are awaited.
fn voice_notice(
    ui: Ui,
    w: &'static Words,
) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
    move || {
        if ui.no_voice() {
            Some(w.no_voice)
        } else if !ui.voices_known.get() && ui.voices.with(Vec::is_empty) {
            Some(w.finding_voices)
        } else {
            None
        }
    }
}

/// The Listen panel: Play/Pause, Stop, previous/next paragraph, speed and voice.
#[component]
pub fn ListenPanel(
    /// The viewer's player.
    player: Player,
) -> impl IntoView {
    let ui = player.ui();
    let w = player.words();
    let comma = std::ptr::eq(w, &VI);
    let play_label = move || match ui.state.get() {
        State::Playing => w.pause,
        State::Paused => w.resume,
        State::Stopped => w.play,
    };
    let stopped = move || ui.state.get() == State::Stopped;
    let (p1, p2, p3, p4, p5, p6) = (
        player.clone(),
        player.clone(),
        player.clone(),
        player.clone(),
        player.clone(),
        player,
    );
    let rates = Rate::all()
        .map(|rate| {
            view! { <option value=rate.key()>{rate.label(comma)}</option> }
        })
        .collect_view();
    let notice = voice_notice(ui, w);
    // Without a voice (none for the language, or none yet) the panel shows only why: no
    // controls that look usable and are not, no empty voice list.
    let voiceless = move || ui.voices.with(Vec::is_empty);
    view! {
        <div class="av-listen__controls" role="group" aria-label=w.player_label hidden=voiceless>
            <button
                type="button"
                class="av-button av-button--primary"
                data-testid="av-listen-play"
                aria-disabled=move || ui.no_voice().to_string()
                on:click=move |_| p1.toggle()
            >
                {play_label}
            </button>
            <button
                type="button"
                class="av-button"
                data-testid="av-listen-stop"
                aria-disabled=move || stopped().to_string()
                on:click=move |_| p2.stop()
            >
                {w.stop}
            </button>
            <button type="button" class="av-button" data-testid="av-listen-previous" on:click=move |_| p3.skip(false)>
                {w.previous}
            </button>
            <button type="button" class="av-button" data-testid="av-listen-next" on:click=move |_| p4.skip(true)>
                {w.next}
            </button>
        </div>
        <div class="av-listen__settings" hidden=voiceless>
            <label class="av-listen__field">
                <span class="av-listen__label">{w.speed}</span>
                <select
                    class="av-listen__select"
                    data-testid="av-listen-rate"
                    prop:value=move || ui.rate.get().key()
                    on:change=move |ev| p5.set_rate(Rate::parse(&event_target_value(&ev)))
                >
                    {rates}
                </select>
            </label>
            <label class="av-listen__field">
                <span class="av-listen__label">{w.voice}</span>
                <select
                    class="av-listen__select"
                    data-testid="av-listen-voice"
                    disabled=move || ui.voices.with(Vec::is_empty)
                    prop:value=move || ui.voice.get()
                    on:change=move |ev| p6.set_voice(event_target_value(&ev))
                >
                    <For
                        each=move || ui.voices.get()
                        key=|v| v.uri.clone()
                        let:v
                    >
                        <option value=v.uri.clone() selected=move || ui.voice.get() == v.uri>{v.label}</option>
                    </For>
                </select>
            </label>
        </div>
        <p class="av-listen__position" data-testid="av-listen-position" hidden=voiceless>
            {move || {
                let (n, total) = ui.position.get();
                (total > 0).then(|| {
                    w.position.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())
                })
            }}
        </p>
        <p class="av-listen__notice" data-testid="av-listen-notice" hidden=move || notice().is_none()>
            {notice}
        </p>
        <p class="av-listen__notice av-listen__notice--error" data-testid="av-listen-error" hidden=move || ui.error.get().is_none()>
            {move || ui.error.get()}
        </p>
    }
}

/// The compact bar: A−, A+ and (where the browser can speak and has a voice for the article's
/// language) Listen and Stop, for a reader deep
/// in the article; `out` is whether the toolbar has scrolled away, `down` whether the reader is
/// scrolling down (then it slides away, unless it is reading or has the focus).
#[component]
pub fn CompactBar(
    /// The viewer's player, where the browser can speak.
    player: Option<Player>,
    /// The part's words.
    words: &'static Words,
    /// The article the bar is in (its blocks keep the reader's place).
    article: web_sys::Element,
    /// Whether the toolbar is out of view.
    out: Signal<bool>,
    /// Whether the reader is scrolling down.
    down: Signal<bool>,
) -> impl IntoView {
    let w = words;
    let settings = use_settings();
    let size = {
        let settings = settings.clone();
        Signal::derive(move || settings.get().size)
    };
    let bar = NodeRef::<leptos::html::Div>::new();
    // The reader's place is kept: the text above reflows with the new size, so without this the
    // block being read would move away (far, deep in a long article).
    let change = move |f: fn(TextSize) -> TextSize| {
        let place = bar
            .get_untracked()
            .and_then(|b| reading_place(&article, &b));
        settings.update(|p| p.size = f(p.size));
        leptos::task::spawn_local(async move {
            // Once the viewer's root has the new size (its render effect runs after this tick),
            // reading the position lays the page out again, in the same frame.
            leptos::task::tick().await;
            if let (Some((block, was)), Some(w)) = (place, web_sys::window()) {
                w.scroll_by_with_x_and_y(0.0, block.get_bounding_client_rect().top() - was);
            }
        });
    };
    let ui = player.as_ref().map(Player::ui);
    let active = move || ui.is_some_and(|ui| ui.state.get() != State::Stopped);
    let listen = player.map(|player| {
        let (p1, p2) = (player.clone(), player.clone());
        let ui = player.ui();
        // No voice for the article's language (or none yet): no Listen or Stop here at all.
        let voiceless = move || ui.voices.with(Vec::is_empty);
        view! {
            <button
                type="button"
                class="av-button av-bar__listen"
                data-testid="av-bar-listen"
                hidden=voiceless
                aria-pressed=move || (ui.state.get() == State::Playing).to_string()
                on:click=move |_| p1.toggle()
            >
                {w.listen}
            </button>
            <button
                type="button"
                class="av-button"
                data-testid="av-bar-stop"
                hidden=move || voiceless() || ui.state.get() == State::Stopped
                on:click=move |_| p2.stop()
            >
                {w.stop}
            </button>
        }
    });
    keep_focus_clear(bar);
    view! {
        <div
            class="av-bar"
            node_ref=bar
            role="group"
            aria-label=w.bar_label
            data-testid="av-bar"
            hidden=move || !out.get()
            data-shown=move || (!down.get() || active()).to_string()
        >
            <button
                type="button"
                class="av-button av-size__button"
                data-testid="av-bar-smaller"
                aria-disabled=move || (!size.get().can_decrease()).to_string()
                on:click={
                    let change = change.clone();
                    move |_| change(TextSize::decrease)
                }
            >
                "A−"
                <span class="av-visually-hidden">" " {w.smaller}</span>
            </button>
            <button
                type="button"
                class="av-button av-size__button av-size__button--larger"
                data-testid="av-bar-larger"
                aria-disabled=move || (!size.get().can_increase()).to_string()
                on:click=move |_| change(TextSize::increase)
            >
                "A+"
                <span class="av-visually-hidden">" " {w.larger}</span>
            </button>
            {listen}
        </div>
    }
}

/// The body's block of `article` at the top of the reading area (just below the bar) and its
/// position in the viewport.
fn reading_place(
    article: &web_sys::Element,
    bar: &web_sys::Element,
) -> Option<(web_sys::Element, f64)> {
    let list = article.query_selector_all(".av-chunk > *").ok()?;
    let blocks: Vec<web_sys::Element> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into().ok())
        .collect();
    let i = first_in_view(&blocks, bar.get_bounding_client_rect().bottom())?;
    let block = blocks.get(i)?.clone();
    let top = block.get_bounding_client_rect().top();
    Some((block, top))
}

/// Keeps the keyboard focus from hiding under the bar (WCAG 2.4.11): when an element outside the
/// bar gets the focus while the shown bar covers it (the browser scrolls a focused element only to
/// the viewport's edge, under a sticky bar), the page scrolls it to just below the bar.
fn keep_focus_clear(bar: NodeRef<leptos::html::Div>) {
    /// Room left between the bar and the focused element, in px.
    const GAP: f64 = 8.0;
    let handle = window_event_listener_untyped("focusin", move |ev| {
        let Some(bar) = bar.get_untracked() else {
            return;
        };
        // In an embed the event reaches the window retargeted to the host: the real target is
        // the first element of its path.
        let target = ev.composed_path().get(0).dyn_into::<web_sys::Element>();
        let Ok(target) = target else { return };
        if bar.hidden() || bar.contains(Some(&target)) {
            return;
        }
        let (b, t) = (
            bar.get_bounding_client_rect(),
            target.get_bounding_client_rect(),
        );
        // The bar slides away while the reader scrolls down: then it covers nothing.
        let shown = bar.get_attribute("data-shown").as_deref() != Some("false");
        let covers = t.top() < b.bottom()
            && t.bottom() > b.top()
            && t.left() < b.right()
            && t.right() > b.left();
        if shown && covers {
            if let Some(w) = web_sys::window() {
                w.scroll_by_with_x_and_y(0.0, t.top() - b.bottom() - GAP);
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// The live region through which the player's changes are announced, once each.
#[component]
pub fn LiveRegion(
    /// The player's signals.
    ui: Ui,
) -> impl IntoView {
    view! {
        <p class="av-visually-hidden" role="status" data-testid="av-listen-live">
            {move || ui.announce.get()}
        </p>
    }
}
