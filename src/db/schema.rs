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
        description -> Text,
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
        lang -> Text,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(users -> agencies (agency_id));

diesel::table! {
    /// Signed-in browser sessions; the cookie holds the secret, this its hash.
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        user_agent -> Text,
    }
}

diesel::table! {
    /// Single-use links sent by e-mail (address verification, password reset).
    email_tokens (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Fixed-window counters shared by all app nodes.
    rate_limits (bucket) {
        bucket -> Text,
        window_start -> Timestamp,
        hits -> Integer,
    }
}

diesel::table! {
    /// Personal API tokens (hashed).
    api_tokens (id) {
        id -> BigInt,
        public_id -> Text,
        user_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// E-mails waiting to be sent (and those sent), written in the same
    /// transaction as the event that causes them.
    outbox (id) {
        id -> BigInt,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    /// Secrets the server generates once and every node shares.
    server_keys (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(agencies, users, sessions, email_tokens, api_tokens);

diesel::table! {
    /// Minimum consultation windows by document type, with their legal basis.
    window_rules (id) {
        id -> BigInt,
        doc_type -> Text,
        name_vi -> Text,
        name_en -> Text,
        min_days -> Integer,
        legal_basis -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Draft regulations.
    drafts (id) {
        id -> BigInt,
        public_id -> Text,
        slug -> Text,
        agency_id -> BigInt,
        title -> Text,
        doc_type -> Text,
        field -> Text,
        summary -> Text,
        affected_groups -> Text,
        status -> Text,
        opens_on -> Nullable<Date>,
        closes_on -> Nullable<Date>,
        closes_at -> Nullable<Timestamp>,
        rule_id -> Nullable<BigInt>,
        rule_min_days -> Nullable<Integer>,
        rule_legal_basis -> Nullable<Text>,
        allow_late -> Bool,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        synthesis_published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// The questions an agency asks about its draft.
    draft_questions (id) {
        id -> BigInt,
        draft_id -> BigInt,
        position -> Integer,
        body -> Text,
    }
}

diesel::table! {
    /// Versions of a draft's text; immutable once published.
    versions (id) {
        id -> BigInt,
        draft_id -> BigInt,
        number -> Integer,
        source_text -> Text,
        metadata -> Text,
        published_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The provisions of a version, flattened in document order.
    provisions (id) {
        id -> BigInt,
        version_id -> BigInt,
        position -> Integer,
        depth -> Integer,
        kind -> Text,
        number -> Text,
        anchor -> Text,
        short_anchor -> Nullable<Text>,
        parent_anchor -> Nullable<Text>,
        title -> Nullable<Text>,
        body -> Text,
    }
}

diesel::table! {
    /// Files of a draft's dossier (explanatory memo, impact assessment, ...).
    dossier_documents (id) {
        id -> BigInt,
        public_id -> Text,
        draft_id -> BigInt,
        kind -> Text,
        title -> Text,
        filename -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(drafts -> agencies (agency_id));
diesel::joinable!(draft_questions -> drafts (draft_id));
diesel::joinable!(versions -> drafts (draft_id));
diesel::joinable!(provisions -> versions (version_id));
diesel::joinable!(dossier_documents -> drafts (draft_id));
diesel::allow_tables_to_appear_in_same_query!(
    drafts,
    agencies,
    versions,
    provisions,
    draft_questions,
    dossier_documents,
    window_rules
);

diesel::table! {
    /// What search finds: drafts and provisions, with their folded text.
    search_entries (id) {
        id -> BigInt,
        draft_id -> BigInt,
        anchor -> Nullable<Text>,
        kind -> Text,
        number -> Text,
        title -> Text,
        body -> Text,
        folded -> Text,
    }
}

diesel::table! {
    /// Comments on drafts (what was said; who said it is in comment_contacts or users).
    comments (id) {
        id -> BigInt,
        public_id -> Text,
        draft_id -> BigInt,
        version_number -> Integer,
        anchor -> Nullable<Text>,
        question_position -> Nullable<Integer>,
        category -> Text,
        organisation_name -> Nullable<Text>,
        organisation_reg_no -> Nullable<Text>,
        on_behalf_of -> Text,
        body -> Text,
        body_sha256 -> Text,
        status -> Text,
        late -> Bool,
        show_name -> Bool,
        user_id -> Nullable<BigInt>,
        consented_at -> Timestamp,
        created_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        locked_at -> Nullable<Timestamp>,
        withdrawn_at -> Nullable<Timestamp>,
        hidden_reason_code -> Nullable<Text>,
        hidden_reason_text -> Nullable<Text>,
        hidden_by -> Nullable<BigInt>,
        hide_proposed_by -> Nullable<BigInt>,
        hide_proposed_code -> Nullable<Text>,
        hide_proposed_text -> Nullable<Text>,
        /// The provision's place in the version commented on (0: whole draft or question).
        position -> Integer,
        /// The campaign cluster it belongs to (see comment_clusters).
        cluster_id -> Nullable<BigInt>,
        /// The decision of its current answer (kept by triggers on responses).
        decision -> Nullable<Text>,
    }
}

diesel::table! {
    /// Authors' appeals against hiding, decided by another moderator.
    appeals (id) {
        id -> BigInt,
        comment_id -> BigInt,
        body -> Text,
        created_at -> Timestamp,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        decision -> Text,
    }
}

diesel::table! {
    /// Reports of comments; they never hide anything by themselves.
    comment_reports (id) {
        id -> BigInt,
        comment_id -> BigInt,
        reason -> Text,
        reporter_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Every moderation decision, public.
    moderation_log (id) {
        id -> BigInt,
        draft_id -> BigInt,
        comment_id -> BigInt,
        action -> Text,
        reason_code -> Text,
        reason_text -> Text,
        moderator_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The earlier texts of edited comments, oldest first.
    comment_versions (id) {
        id -> BigInt,
        comment_id -> BigInt,
        number -> Integer,
        body -> Text,
        body_sha256 -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(comment_versions -> comments (comment_id));
diesel::joinable!(comment_reports -> comments (comment_id));

diesel::table! {
    /// Name and e-mail of a commenter without an account.
    comment_contacts (comment_id) {
        comment_id -> BigInt,
        name -> Text,
        email -> Text,
    }
}

diesel::table! {
    /// E-mailed links that confirm a comment sent without an account.
    comment_tokens (token_hash) {
        token_hash -> Text,
        comment_id -> BigInt,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Files sent with a comment; the bytes are in the file store under `sha256`.
    comment_attachments (id) {
        id -> BigInt,
        comment_id -> BigInt,
        position -> Integer,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
    }
}

diesel::joinable!(comment_attachments -> comments (comment_id));
diesel::joinable!(comments -> drafts (draft_id));
diesel::joinable!(comment_contacts -> comments (comment_id));
diesel::joinable!(comment_tokens -> comments (comment_id));
diesel::allow_tables_to_appear_in_same_query!(
    comments,
    drafts,
    comment_contacts,
    comment_tokens,
    users,
    comment_reports,
    moderation_log,
    appeals,
    comment_attachments
);

diesel::table! {
    /// Clusters of near-identical comments; the id is the founding comment's.
    comment_clusters (id) {
        id -> BigInt,
        draft_id -> BigInt,
        created_at -> Timestamp,
        /// Counted members (kept by triggers on comments).
        members -> BigInt,
    }
}

diesel::table! {
    /// The MinHash signature of each comment long enough to compare.
    comment_signatures (comment_id) {
        comment_id -> BigInt,
        draft_id -> BigInt,
        minhash -> Text,
    }
}

diesel::table! {
    /// LSH band buckets of the signatures: shared buckets make candidates.
    comment_lsh_bands (comment_id, band) {
        comment_id -> BigInt,
        band -> Integer,
        draft_id -> BigInt,
        bucket_hash -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(comment_clusters, comments);
diesel::allow_tables_to_appear_in_same_query!(comment_clusters, drafts);
diesel::allow_tables_to_appear_in_same_query!(comment_clusters, responses);
diesel::allow_tables_to_appear_in_same_query!(comment_signatures, comments);
diesel::allow_tables_to_appear_in_same_query!(comment_signatures, comment_lsh_bands);
diesel::allow_tables_to_appear_in_same_query!(comment_lsh_bands, comments);

diesel::table! {
    /// The agency's answers to comments; published ones are never edited.
    responses (id) {
        id -> BigInt,
        public_id -> Text,
        draft_id -> BigInt,
        comment_id -> BigInt,
        decision -> Text,
        explanation -> Text,
        explanation_key -> Text,
        anchors -> Text,
        version_number -> Nullable<Integer>,
        responder_id -> BigInt,
        group_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        superseded_at -> Nullable<Timestamp>,
        superseded_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// A commenter's one reply to the answer, and the agency's answer to it.
    rebuttals (id) {
        id -> BigInt,
        comment_id -> BigInt,
        body -> Text,
        created_at -> Timestamp,
        answer -> Nullable<Text>,
        answered_by -> Nullable<BigInt>,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// A draft's status changes: the public timeline.
    draft_events (id) {
        id -> BigInt,
        draft_id -> BigInt,
        status -> Text,
        agency_id -> Nullable<BigInt>,
        actor_id -> Nullable<BigInt>,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The justice department's appraisal of one version.
    appraisals (id) {
        id -> BigInt,
        public_id -> Text,
        draft_id -> BigInt,
        version_number -> Integer,
        conclusion -> Text,
        summary -> Text,
        report_file_name -> Nullable<Text>,
        report_content_type -> Nullable<Text>,
        report_size -> Nullable<BigInt>,
        report_sha256 -> Nullable<Text>,
        appraiser_id -> BigInt,
        agency_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The points an appraisal raises.
    appraisal_points (id) {
        id -> BigInt,
        appraisal_id -> BigInt,
        position -> Integer,
        body -> Text,
        anchors -> Text,
    }
}

diesel::table! {
    /// The drafting agency's answers to appraisal points.
    appraisal_answers (id) {
        id -> BigInt,
        point_id -> BigInt,
        decision -> Text,
        explanation -> Text,
        responder_id -> BigInt,
        created_at -> Timestamp,
        challenged_at -> Nullable<Timestamp>,
        challenged_by -> Nullable<BigInt>,
        challenge_note -> Text,
    }
}

diesel::joinable!(responses -> comments (comment_id));
diesel::joinable!(draft_events -> agencies (agency_id));
diesel::joinable!(rebuttals -> comments (comment_id));
diesel::joinable!(appraisal_points -> appraisals (appraisal_id));
diesel::joinable!(appraisal_answers -> appraisal_points (point_id));
diesel::allow_tables_to_appear_in_same_query!(responses, rebuttals, draft_events);
diesel::allow_tables_to_appear_in_same_query!(responses, comments);
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    comments::category,
    comments::organisation_name,
    responses::decision,
);
diesel::allow_tables_to_appear_in_same_query!(responses, users);
diesel::allow_tables_to_appear_in_same_query!(responses, drafts);
diesel::allow_tables_to_appear_in_same_query!(responses, agencies);
diesel::allow_tables_to_appear_in_same_query!(rebuttals, comments);
diesel::allow_tables_to_appear_in_same_query!(rebuttals, users);
diesel::allow_tables_to_appear_in_same_query!(rebuttals, drafts);
diesel::allow_tables_to_appear_in_same_query!(draft_events, agencies);
diesel::allow_tables_to_appear_in_same_query!(draft_events, users);
diesel::allow_tables_to_appear_in_same_query!(draft_events, drafts);
diesel::allow_tables_to_appear_in_same_query!(appraisals, appraisal_points, appraisal_answers);

diesel::table! {
    /// The public hash-chained ledger of state changes.
    ledger (seq) {
        seq -> BigInt,
        created_at -> Timestamp,
        kind -> Text,
        subject -> Text,
        draft_id -> Nullable<BigInt>,
        payload -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    /// The chain's head (one row), updated by every append.
    ledger_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(ledger, drafts);

diesel::table! {
    /// Drafters' declarations of interest in a draft ('' = none).
    interest_declarations (id) {
        id -> BigInt,
        draft_id -> BigInt,
        user_id -> BigInt,
        declaration -> Text,
        declared_at -> Timestamp,
    }
}

diesel::joinable!(interest_declarations -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(interest_declarations, users);
diesel::allow_columns_to_appear_in_same_group_by_clause!(agencies::name, responses::decision);
diesel::joinable!(responses -> drafts (draft_id));

// Tallies kept by database triggers (migration 16); read, never written, by the code.

diesel::table! {
    /// Comments per draft, provision ('' whole draft), status, category and decision ('' none).
    comment_tallies (draft_id, anchor, status, category, decision) {
        draft_id -> BigInt,
        anchor -> Text,
        status -> Text,
        category -> Text,
        decision -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    /// Counted comments of an organisation accepted fully or partly, per draft.
    organisation_tallies (draft_id, organisation_name) {
        draft_id -> BigInt,
        organisation_name -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    /// Current answers per draft and explanation.
    explanation_tallies (draft_id, explanation_key) {
        draft_id -> BigInt,
        explanation_key -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    /// Per draft: current answers, reused ones, campaigns and their comments.
    draft_tallies (draft_id) {
        draft_id -> BigInt,
        answers -> BigInt,
        reused_answers -> BigInt,
        campaigns -> BigInt,
        in_campaigns -> BigInt,
    }
}

diesel::table! {
    /// Business dialogue sessions an agency holds; their questions are threads.
    dialogue_sessions (id) {
        id -> BigInt,
        public_id -> Text,
        agency_id -> BigInt,
        title -> Text,
        starts_at -> Timestamp,
        place -> Text,
        online_url -> Text,
        agenda -> Text,
        capacity -> Nullable<Integer>,
        minutes -> Nullable<Text>,
        minutes_published_at -> Nullable<Timestamp>,
        created_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Dialogue threads: on a draft, feedback on a regulation in force, or a
    /// question for a dialogue session.
    threads (id) {
        id -> BigInt,
        public_id -> Text,
        kind -> Text,
        draft_id -> Nullable<BigInt>,
        session_id -> Nullable<BigInt>,
        agency_id -> BigInt,
        title -> Text,
        body -> Text,
        regulation -> Text,
        proposal -> Text,
        provisions -> Text,
        field -> Text,
        tags -> Text,
        state -> Text,
        author_id -> BigInt,
        author_kind -> Text,
        organisation_name -> Nullable<Text>,
        received_at -> Timestamp,
        due_on -> Date,
        answered_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        hidden_reason -> Nullable<Text>,
        hidden_by -> Nullable<BigInt>,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The private contact of a feedback's sender.
    thread_contacts (thread_id) {
        thread_id -> BigInt,
        full_name -> Text,
        address -> Text,
        phone -> Text,
    }
}

diesel::table! {
    /// Replies to threads, nested one level.
    thread_replies (id) {
        id -> BigInt,
        public_id -> Text,
        thread_id -> BigInt,
        parent_id -> Nullable<BigInt>,
        author_id -> BigInt,
        body -> Text,
        official -> Bool,
        agency_id -> Nullable<BigInt>,
        hidden_reason -> Nullable<Text>,
        hidden_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// A thread's history: opened, forwarded, answered, closed, reopened, hidden.
    thread_events (id) {
        id -> BigInt,
        thread_id -> BigInt,
        kind -> Text,
        actor_id -> Nullable<BigInt>,
        from_agency_id -> Nullable<BigInt>,
        to_agency_id -> Nullable<BigInt>,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Who follows a thread, a draft, an agency or a field.
    follows (id) {
        id -> BigInt,
        user_id -> BigInt,
        target_kind -> Text,
        target -> Text,
        digest -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Each notice a person is due, once; unsent ones wait for the digest.
    notices (id) {
        id -> BigInt,
        user_id -> BigInt,
        follow_id -> Nullable<BigInt>,
        event_key -> Text,
        subject -> Text,
        link -> Text,
        digest -> Bool,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Registrations for a dialogue session.
    session_registrations (id) {
        id -> BigInt,
        session_id -> BigInt,
        user_id -> BigInt,
        organisation_name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Questions the minutes of a session say were answered there.
    session_answers (session_id, thread_id) {
        session_id -> BigInt,
        thread_id -> BigInt,
    }
}

diesel::table! {
    /// Files sent with a thread; the bytes are in the file store under `sha256`.
    thread_attachments (id) {
        id -> BigInt,
        thread_id -> BigInt,
        position -> Integer,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
    }
}

diesel::joinable!(thread_attachments -> threads (thread_id));

diesel::table! {
    /// Reports of threads and replies; they never hide anything by themselves.
    thread_reports (id) {
        id -> BigInt,
        thread_id -> BigInt,
        reply_id -> Nullable<BigInt>,
        reason -> Text,
        reporter_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(thread_reports -> threads (thread_id));

diesel::table! {
    /// Authors' appeals against hiding a thread or reply.
    thread_appeals (id) {
        id -> BigInt,
        thread_id -> BigInt,
        target -> Text,
        body -> Text,
        created_at -> Timestamp,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        restored -> Nullable<Bool>,
        decision -> Text,
    }
}

diesel::joinable!(thread_appeals -> threads (thread_id));
diesel::joinable!(threads -> agencies (agency_id));
diesel::joinable!(threads -> users (author_id));
diesel::joinable!(thread_replies -> threads (thread_id));
diesel::joinable!(thread_replies -> users (author_id));
diesel::joinable!(thread_events -> threads (thread_id));
diesel::joinable!(thread_contacts -> threads (thread_id));
diesel::joinable!(session_answers -> threads (thread_id));
diesel::joinable!(session_registrations -> users (user_id));
diesel::joinable!(follows -> users (user_id));
diesel::joinable!(notices -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    dialogue_sessions,
    thread_attachments,
    thread_reports,
    thread_appeals,
    threads,
    thread_contacts,
    thread_replies,
    thread_events,
    follows,
    notices,
    session_registrations,
    session_answers,
);
diesel::allow_tables_to_appear_in_same_query!(agencies, dialogue_sessions);
diesel::allow_tables_to_appear_in_same_query!(agencies, threads);
diesel::allow_tables_to_appear_in_same_query!(agencies, thread_contacts);
diesel::allow_tables_to_appear_in_same_query!(agencies, thread_replies);
diesel::allow_tables_to_appear_in_same_query!(agencies, thread_events);
diesel::allow_tables_to_appear_in_same_query!(agencies, follows);
diesel::allow_tables_to_appear_in_same_query!(agencies, notices);
diesel::allow_tables_to_appear_in_same_query!(agencies, session_registrations);
diesel::allow_tables_to_appear_in_same_query!(agencies, session_answers);
diesel::allow_tables_to_appear_in_same_query!(users, dialogue_sessions);
diesel::allow_tables_to_appear_in_same_query!(users, threads);
diesel::allow_tables_to_appear_in_same_query!(users, thread_contacts);
diesel::allow_tables_to_appear_in_same_query!(users, thread_replies);
diesel::allow_tables_to_appear_in_same_query!(users, thread_events);
diesel::allow_tables_to_appear_in_same_query!(users, follows);
diesel::allow_tables_to_appear_in_same_query!(users, notices);
diesel::allow_tables_to_appear_in_same_query!(users, session_registrations);
diesel::allow_tables_to_appear_in_same_query!(users, session_answers);
diesel::allow_tables_to_appear_in_same_query!(drafts, dialogue_sessions);
diesel::allow_tables_to_appear_in_same_query!(drafts, threads);
diesel::allow_tables_to_appear_in_same_query!(drafts, thread_contacts);
diesel::allow_tables_to_appear_in_same_query!(drafts, thread_replies);
diesel::allow_tables_to_appear_in_same_query!(drafts, thread_events);
diesel::allow_tables_to_appear_in_same_query!(drafts, follows);
diesel::allow_tables_to_appear_in_same_query!(drafts, notices);
diesel::allow_tables_to_appear_in_same_query!(drafts, session_registrations);
diesel::allow_tables_to_appear_in_same_query!(drafts, session_answers);
