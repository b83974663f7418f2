//! The participant page, built by the UI's toolchain (`ui/participant.html`,
//! `npm run build`) and embedded in the binary, gzipped at build time
//! (build.rs): a phone loads nothing from anywhere but the laptop, and as
//! few bytes as the room's Wi-Fi can spare.

use std::io::Read;

/// One file of the built page.
pub(crate) struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    /// Its size unpacked.
    pub size: usize,
    pub gzip: &'static [u8],
    /// Brotli, a fifth smaller than gzip (a phone asks for it over HTTPS only).
    pub brotli: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/participant_files.rs"));

/// The page itself: served at `/` and at the join address.
pub(crate) const INDEX: &str = "participant.html";

/// A file of the page by its name (`participant-1a2b3c.js`).
pub(crate) fn file(name: &str) -> Option<&'static Asset> {
    FILES.iter().find(|a| a.name == name)
}

impl Asset {
    /// The script and the style carry their content's hash in their names:
    /// a phone may keep them for good. The page does not.
    pub fn cacheable(&self) -> bool {
        self.name != INDEX
    }

    /// The file unpacked, for a browser that does not take gzip.
    pub fn unpacked(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.size);
        // Packed by build.rs from the same bytes: it unpacks.
        let _ = flate2::read::GzDecoder::new(self.gzip).read_to_end(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_its_script_and_its_style_are_built_in_and_unpack_whole() {
        let index = file(INDEX).expect("the page");
        let html = String::from_utf8(index.unpacked()).unwrap();
        assert_eq!(html.len(), index.size);
        let referenced: Vec<&Asset> = FILES
            .iter()
            .filter(|a| a.name != INDEX && html.contains(&format!("/{}", a.name)))
            .collect();
        assert!(
            referenced.iter().any(|a| a.name.ends_with(".js"))
                && referenced.iter().any(|a| a.name.ends_with(".css")),
            "the page names its hashed script and style: {html}"
        );
        for a in referenced {
            assert!(a.cacheable());
            assert_eq!(a.unpacked().len(), a.size, "{}", a.name);
        }
        assert!(!index.cacheable());
    }
}
