//! Standalone entry point: panic hook, then mount.

fn main() {
    console_error_panic_hook::set_once();
    article_viewer::mount_standalone();
}
