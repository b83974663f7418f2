//! A closed list of names that crosses to the UI, written once: the
//! variants, the name each is stored and sent as (serde and the generated
//! TypeScript union use the same literal), and the list of all of them.

/// `named_enum! { /// doc  pub enum Kind { A = "a", B = "b", } }`
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )*
        }

        impl $name {
            /// Every variant, in the order written.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// The name stored and sent for this variant; never renamed once released.
            pub const fn name(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )*
                }
            }
        }
    };
}

pub(crate) use named_enum;
