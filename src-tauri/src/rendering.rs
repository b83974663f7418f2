//! How the webview paints. WebKitGTK composites its layers with OpenGL; on a
//! machine without a GPU, Mesa emulates OpenGL on the CPU (llvmpipe), and every
//! changed frame then costs far more than WebKit's own non-composited painting.
//! Measured on a 2-core machine without a GPU (Xvfb): adding a card to a
//! 2,000-card board, Enter to the next painted frame, p50 165 ms composited
//! against 51 ms without; the 300-actor grid opened in ~400 against ~190 ms.

use std::path::Path;

const COMPOSITING_OFF: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Turns compositing off when there is no GPU to composite with. A value the
/// user set for the variable is left as it is. Called first in `main`, before
/// any thread starts, because it changes the process environment.
pub fn choose() {
    if cfg!(target_os = "linux")
        && std::env::var_os(COMPOSITING_OFF).is_none()
        && !has_render_node(Path::new("/dev/dri"))
    {
        std::env::set_var(COMPOSITING_OFF, "1");
    }
}

/// A DRM render node (`renderD128`, …) is what a GPU driver offers to OpenGL.
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dir.path().join("missing")));
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(
            !has_render_node(dir.path()),
            "a display-only card node is not a render node"
        );
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
