//! The moderation API's shapes (`docs/moderation-api.md`): filled in with the moderation page.
