//! The invitation for the tables: one A4 page with the workshop's title,
//! the QR code, the address and the short code, so that a phone can join
//! from the table as well as from the projector.

use printpdf::{Mm, Op, PdfDocument, PdfPage, PdfSaveOptions, Rect};

use super::fonts::Fonts;
use super::text::Typesetter;
use super::{rgb, Layout, Pen, LEFT, PAGE_H, PAGE_W, TEXT_W};
use crate::error::{Error, Result};
use crate::model::{Language, Workshop, JOIN_IN};

/// The printed code's side: read from an arm's length, and by a phone held
/// over the table.
const QR_SIDE: f32 = 85.0;

struct Words {
    join: &'static str,
    scan: &'static str,
    or_type: &'static str,
    code: &'static str,
    network: &'static str,
}

fn words(language: Language) -> Words {
    match language {
        Language::De => Words {
            join: "Machen Sie mit – mit Ihrem Handy",
            scan: "Den QR-Code mit der Kamera des Handys scannen.",
            or_type: "Oder im Browser diese Adresse öffnen:",
            code: "und den Code eingeben:",
            network: "WLAN des Raums:",
        },
        Language::En => Words {
            join: "Join in – with your phone",
            scan: "Scan the QR code with your phone's camera.",
            or_type: "Or open this address in the browser:",
            code: "and type the code:",
            network: "The room's Wi-Fi:",
        },
    }
}

/// The invitation as a PDF: the workshop's title and goals, the QR code
/// holding `url`, and `short_url` and `code` for typing by hand.
pub fn render(workshop: &Workshop, url: &str, short_url: &str, code: &str) -> Result<Vec<u8>> {
    let (title, language) = (workshop.title.as_str(), workshop.language);
    let (width, dark) = crate::qr::matrix(url).ok_or_else(|| {
        Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the address does not fit a QR code",
        ))
    })?;
    let w = words(language);
    let fonts = Fonts::new();
    let ts = Typesetter::new(&fonts, language);
    let mut lay = Layout::new(&ts);
    let ink = || rgb(0.1, 0.1, 0.1);
    lay.paragraph(title, &Pen::bold(22.0).colored(rgb(0.12, 0.31, 0.47)), 0.0);
    for goal in &workshop.goals {
        lay.paragraph(
            &format!("• {goal}"),
            &Pen::regular(11.0).colored(ink()),
            2.0,
        );
    }
    lay.gap(4.0);
    lay.paragraph(w.join, &Pen::bold(16.0).colored(ink()), 0.0);
    lay.gap(2.0);
    // The same for whoever reads no German (or no English): each phone
    // language in its own words.
    for other in JOIN_IN.iter().filter(|j| j.code != language.as_str()) {
        lay.paragraph(
            other.text,
            &Pen::regular(12.0).colored(rgb(0.3, 0.3, 0.3)),
            0.0,
        );
    }
    lay.gap(6.0);

    // The code, centred, with its quiet zone left white; each row's dark
    // runs as one rectangle each, filled, never stroked (a stroke would
    // swell the modules).
    let module = QR_SIDE / width as f32;
    let x0 = LEFT + (TEXT_W - QR_SIDE) / 2.0;
    let top = lay.y;
    let mut ops = vec![
        Op::SaveGraphicsState,
        Op::SetFillColor {
            col: rgb(0.0, 0.0, 0.0),
        },
    ];
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if !dark[row * width + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && dark[row * width + col] {
                col += 1;
            }
            let y = top - (row + 1) as f32 * module;
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(printpdf::PaintMode::Fill),
                    ..Rect::from_xywh(
                        Mm(x0 + start as f32 * module).into(),
                        Mm(y).into(),
                        Mm((col - start) as f32 * module).into(),
                        Mm(module).into(),
                    )
                },
            });
        }
    }
    ops.push(Op::RestoreGraphicsState);
    lay.ops().extend(ops);
    lay.gap(QR_SIDE + 10.0);

    lay.paragraph(w.scan, &Pen::regular(13.0).colored(ink()), 0.0);
    lay.gap(4.0);
    lay.paragraph(w.or_type, &Pen::regular(13.0).colored(ink()), 0.0);
    lay.paragraph(short_url, &Pen::bold(18.0).colored(ink()), 0.0);
    lay.paragraph(w.code, &Pen::regular(13.0).colored(ink()), 0.0);
    let spaced: String = code.chars().map(String::from).collect::<Vec<_>>().join(" ");
    lay.paragraph(&spaced, &Pen::bold(26.0).colored(ink()), 0.0);
    lay.gap(10.0);
    lay.paragraph(w.network, &Pen::regular(13.0).colored(ink()), 0.0);
    // A line to write the network's name on by hand.
    let y = lay.y - 10.0;
    lay.line(LEFT, y, LEFT + TEXT_W * 0.6, y, 0.6, rgb(0.5, 0.5, 0.5));

    let pages: Vec<PdfPage> = std::mem::take(&mut lay.pages)
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops))
        .collect();
    let mut pdf = PdfDocument::new(title);
    for &i in &lay.used {
        pdf.resources.fonts.map.insert(
            Fonts::id(i),
            printpdf::PdfFont::new(fonts.get(i).for_pdf()?),
        );
    }
    pdf.metadata.info.creator = "Wandzeitung".into();
    pdf.metadata.info.producer = "Wandzeitung".into();
    Ok(pdf
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new()))
}
