-- Agencies and the people who use gopy. Timestamps are UTC.
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('drafting_department', 'justice_department',
        'peoples_committee_office', 'peoples_council', 'other')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'organisation_rep', 'drafter',
        'appraiser', 'moderator', 'admin')),
    agency_id BIGINT REFERENCES agencies (id),
    organisation_name TEXT,
    organisation_tax_code TEXT,
    organisation_sector TEXT,
    email_verified_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (role NOT IN ('drafter', 'appraiser', 'moderator') OR agency_id IS NOT NULL),
    CHECK (role <> 'organisation_rep' OR organisation_name IS NOT NULL)
);

CREATE INDEX users_agency_id ON users (agency_id);
