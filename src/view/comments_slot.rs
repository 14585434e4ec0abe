//! Where the readers' comments go: a heading and a loading line until the comments widget (a lazy
//! chunk, see `crate::lazy`) has loaded, which happens when the section nears the viewport. The
//! widget then shows itself (with its own heading) in the section.

pub use crate::comments::mount::CommentsOptions;
use crate::lazy::comments_widget;
use crate::observe::when_near;
use crate::view::part::{Part, PartState, PartStatus, PartWords};
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// The comments section of one article; the widget loads when it is near.
#[component]
pub fn CommentsSlot(
    /// What the widget is made with.
    opts: CommentsOptions,
) -> impl IntoView {
    let w = opts.lang.words();
    let heading_id = format!("{}-comments-title", opts.id_prefix);
    let part = Part::default();
    let section = NodeRef::<leptos::html::Section>::new();
    let near = StoredValue::new_local(None);
    section.on_load(move |el| near.set_value(when_near(&el, 800, move || part.load())));
    let opts = SendWrapper::new(opts);
    let widget = part.view(move || comments_widget((*opts).clone()));
    let words = PartWords {
        loading: w.comments_loading,
        failed: w.comments_unavailable,
        retry: w.retry,
        testids: Some((
            "av-comments-loading",
            "av-comments-part-error",
            "av-comments-part-retry",
        )),
    };
    let labelledby = heading_id.clone();
    view! {
        <section
            class="av-comments"
            aria-labelledby=labelledby
            data-testid="av-comments"
            data-state=move || part.state.get().key()
            part="comments"
            node_ref=section
        >
            {move || {
                (part.state.get() != PartState::Ready)
                    .then(|| {
                        view! {
                            <h2 class="av-comments__title" id=heading_id.clone()>
                                {w.comments_title}
                            </h2>
                        }
                    })
            }}
            <div class="av-comments__mount">{widget}</div>
            <PartStatus part words waiting=true />
        </section>
    }
}
