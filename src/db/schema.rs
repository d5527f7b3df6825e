//! Table definitions shared by both backends (see migrations/).

diesel::table! {
    /// Public bodies: drafting departments, the justice department, offices.
    agencies (id) {
        id -> BigInt,
        public_id -> Text,
        name -> Text,
        short_name -> Text,
        kind -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// People with an account: citizens, organisation representatives and staff.
    users (id) {
        id -> BigInt,
        public_id -> Text,
        email -> Text,
        display_name -> Text,
        password_hash -> Nullable<Text>,
        role -> Text,
        agency_id -> Nullable<BigInt>,
        organisation_name -> Nullable<Text>,
        organisation_tax_code -> Nullable<Text>,
        organisation_sector -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(users -> agencies (agency_id));
diesel::allow_tables_to_appear_in_same_query!(agencies, users);
