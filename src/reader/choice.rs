//! `choice!`: defines one of the reader's settings as an enum with its stored names, its CSS values
//! and a lenient parser (anything unknown gives the default), so every setting reads the same way.

/// Defines a setting: `choice! { /// doc  Name { /// doc  Variant = "key" => "css value", … } default Variant }`.
/// An empty CSS value means "leave the property to the stylesheet" (its default, or the host's).
/// Without `=> "css value"` the setting has stored names only (the theme, an attribute value).
macro_rules! choice {
    (
        @names
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal ),+
        }
        default $default:ident
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl $name {
            /// Every choice, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stored name of each choice, in the order of `ALL`.
            const KEYS: &'static [&'static str] = &[$($key),+];

            /// The stored name.
            #[inline]
            pub fn key(self) -> &'static str {
                // In range: the macro writes one name per variant.
                Self::KEYS[self as usize]
            }

            /// Reads a stored name; anything else gives the default.
            pub fn parse(s: &str) -> $name {
                $crate::reader::choice::position(Self::KEYS, s)
                    .and_then(|i| Self::ALL.get(i).copied())
                    .unwrap_or_default()
            }
        }
    };
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal => $css:literal ),+ $(,)?
        }
        default $default:ident
    ) => {
        $crate::reader::choice::choice! {
            @names
            $(#[$meta])*
            $name { $( $(#[$vmeta])* $variant = $key ),+ }
            default $default
        }

        impl $name {
            /// The custom property's value of each choice, in the order of `ALL`.
            const CSS: &'static [&'static str] = &[$($css),+];

            /// The custom property's value; empty for the stylesheet's own default.
            #[inline]
            pub fn css(self) -> &'static str {
                // In range: the macro writes one value per variant.
                Self::CSS[self as usize]
            }
        }
    };
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal ),+ $(,)?
        }
        default $default:ident
    ) => {
        $crate::reader::choice::choice! {
            @names
            $(#[$meta])*
            $name { $( $(#[$vmeta])* $variant = $key ),+ }
            default $default
        }
    };
}

/// Where the trimmed `s` stands in `keys` (shared by every setting, and kept out of line so that
/// it is compiled once: the critical wasm's size counts).
#[inline(never)]
pub(crate) fn position(keys: &[&str], s: &str) -> Option<usize> {
    let s = s.trim();
    keys.iter().position(|k| *k == s)
}

pub(crate) use choice;
