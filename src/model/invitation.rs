//! "Mit dem Handy mitmachen" in every language of the phone page, short, so
//! that a person who reads no German knows what the QR code is for: on the
//! printed invitation and the projector's join screen alike.

/// The invitation's line in one language.
#[derive(Debug, Clone, Copy, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JoinIn {
    /// The phone page's language ("de-simple" for Einfache Sprache).
    pub code: &'static str,
    /// The language tag (`lang` in HTML).
    pub lang: &'static str,
    pub rtl: bool,
    pub text: &'static str,
}

/// In the order of the phone page's list of languages.
pub const JOIN_IN: [JoinIn; 7] = [
    JoinIn {
        code: "de",
        lang: "de",
        rtl: false,
        text: "Mit dem Handy mitmachen",
    },
    JoinIn {
        code: "de-simple",
        lang: "de",
        rtl: false,
        text: "Handy nehmen. QR-Code scannen. Mitmachen.",
    },
    JoinIn {
        code: "en",
        lang: "en",
        rtl: false,
        text: "Join in with your phone",
    },
    JoinIn {
        code: "tr",
        lang: "tr",
        rtl: false,
        text: "Telefonunuzla katılın",
    },
    JoinIn {
        code: "ar",
        lang: "ar",
        rtl: true,
        text: "شارك بهاتفك",
    },
    JoinIn {
        code: "uk",
        lang: "uk",
        rtl: false,
        text: "Долучайтеся з телефона",
    },
    JoinIn {
        code: "ru",
        lang: "ru",
        rtl: false,
        text: "Участвуйте с телефона",
    },
];
