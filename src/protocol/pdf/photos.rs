//! The Fotoprotokoll in the PDF: each photo scaled to the text width (and
//! at most most of a page high), its caption under it. The stored JPEG goes
//! into the file as it is (DCTDecode): no second encoding, so the protocol
//! is about as large as its photos.

use std::collections::BTreeMap;

use printpdf::{
    DictItem, ExternalStream, ExternalXObject, Mm, Op, Pt, Px, XObjectId, XObjectTransform,
};

use super::{rgb, Layout, Pen, LEFT, SECTION_ROOM, TEXT_W};
use crate::model::document::PhotoDocument;
use crate::protocol::labels::Labels;
use crate::protocol::Pictures;

/// A photo is never taller than this, so a caption and the next photo's
/// start share its page often.
const PHOTO_H_MAX: f32 = 150.0;
const CAPTION_SIZE: f32 = 9.5;

/// A stored JPEG as an image XObject: its bytes verbatim under DCTDecode.
fn jpeg_xobject(jpeg: Vec<u8>, width: u32, height: u32) -> ExternalXObject {
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let dict = BTreeMap::from([
        ("Type".to_owned(), name("XObject")),
        ("Subtype".to_owned(), name("Image")),
        ("Width".to_owned(), DictItem::Int(i64::from(width))),
        ("Height".to_owned(), DictItem::Int(i64::from(height))),
        // Stored photos are always 8-bit RGB (see photos::intake).
        ("ColorSpace".to_owned(), name("DeviceRGB")),
        ("BitsPerComponent".to_owned(), DictItem::Int(8)),
        ("Filter".to_owned(), name("DCTDecode")),
    ]);
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content: jpeg,
            compress: false,
        },
        width: Some(Px(width as usize)),
        height: Some(Px(height as usize)),
        dpi: None,
    }
}

/// Most millimetres one pixel takes on the page (100 dpi): a small picture
/// is shown at its own size, not blown up into a blur across the page.
const MM_PER_PX_MAX: f32 = 25.4 / 100.0;

/// A photo's size on the page, in mm: as large as the text column and the
/// page allow, never larger than 100 dpi.
fn size_of(photo: &PhotoDocument) -> (f32, f32) {
    let (w, h) = (photo.width.max(1) as f32, photo.height.max(1) as f32);
    let scale = (TEXT_W / w).min(PHOTO_H_MAX / h).min(MM_PER_PX_MAX);
    (w * scale, h * scale)
}

fn caption_height() -> f32 {
    CAPTION_SIZE * super::PT_TO_MM * 1.35 + 2.0
}

/// The room the heading and the first photo take: a heading is never left
/// alone at a page's foot with its photo on the next.
pub(super) fn first_room(photos: &[&PhotoDocument]) -> f32 {
    const HEADING: f32 = 14.0;
    HEADING
        + photos
            .first()
            .map_or(0.0, |p| size_of(p).1 + caption_height())
}

pub(super) fn photos(
    lay: &mut Layout,
    l: &Labels,
    pictures: &Pictures,
    photos: &[&PhotoDocument],
    under_item: bool,
    first: usize,
) {
    if under_item {
        lay.ensure(first_room(photos));
        lay.heading(l.photos, 13.0);
    } else {
        lay.section(first_room(photos).max(SECTION_ROOM));
        lay.heading(l.photo_record, 16.0);
    }
    let grey = Pen::regular(CAPTION_SIZE).colored(rgb(0.3, 0.3, 0.3));
    for (i, photo) in photos.iter().enumerate() {
        let (w_mm, h_mm) = size_of(photo);
        let caption = if photo.caption.is_empty() {
            format!("{} {}", l.photo, first + i)
        } else {
            format!("{} {}: {}", l.photo, first + i, photo.caption)
        };
        lay.ensure(h_mm + caption_height());
        lay.y -= h_mm;
        let x = LEFT + (TEXT_W - w_mm) / 2.0;
        match lay.image_of(&photo.sha256, || {
            pictures
                .jpeg(&photo.sha256)
                .map(|jpeg| jpeg_xobject(jpeg, photo.width, photo.height))
        }) {
            Some(id) => {
                let transform = XObjectTransform {
                    translate_x: Some(Mm(x).into()),
                    translate_y: Some(Mm(lay.y).into()),
                    scale_x: Some(Pt::from(Mm(w_mm)).0),
                    scale_y: Some(Pt::from(Mm(h_mm)).0),
                    no_auto_scale: true,
                    ..Default::default()
                };
                lay.ops().push(Op::UseXobject { id, transform });
            }
            None => {
                // A protocol from a file alone: the place and the caption stay.
                lay.rect(x, lay.y, w_mm, h_mm, rgb(0.93, 0.93, 0.93));
                let missing = l.picture_missing;
                let tw = lay.ts.width(missing, false, CAPTION_SIZE);
                lay.text_at(x + (w_mm - tw) / 2.0, lay.y + h_mm / 2.0, missing, &grey);
            }
        }
        lay.gap(1.5);
        lay.paragraph(&caption, &grey, 0.0);
        lay.gap(5.0);
    }
}

impl Layout<'_> {
    /// The XObject of a picture, made once per picture however often it is shown.
    fn image_of(
        &mut self,
        sha256: &str,
        make: impl FnOnce() -> Option<ExternalXObject>,
    ) -> Option<XObjectId> {
        if let Some((id, _)) = self.images.get(sha256) {
            return Some(id.clone());
        }
        let xobject = make()?;
        let id = XObjectId::new();
        self.images.insert(sha256.to_owned(), (id.clone(), xobject));
        Some(id)
    }
}
