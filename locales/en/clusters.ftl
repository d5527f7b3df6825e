# Campaigns: clusters of near-identical comments
clusters-breakdown = { $unique } individual, { $in_campaigns } in { $campaigns ->
    [one] 1 campaign
   *[other] { $campaigns } campaigns
}
clusters-badge = Campaign · { $count ->
    [one] 1 comment
   *[other] { $count } comments
} with the same text
clusters-heading = Campaigns
clusters-intro = Comments that are nearly the same text (one letter with other greetings, another sentence order or a few words changed) are grouped into a campaign as they are published. Every comment still counts and is answered; the drafting agency may answer a whole campaign at once.
clusters-representative = Representative comment (the earliest)
clusters-sample = Also sent by:
clusters-and-more = and { $count ->
    [one] 1 other
   *[other] { $count } others
}
clusters-view-all = See all { $count } comments of the campaign
clusters-title = Campaign no. { $id }
clusters-not-campaign = Only one comment of this group still counts, so it is no longer a campaign.
clusters-members = The campaign's comments, in the order they were sent
clusters-filter = Campaign
clusters-option = No. { $id } ({ $count } comments):
clusters-public-page = See the campaign's public page
clusters-answer-legend = Answer the whole campaign once
clusters-answer-hint = One answer for the campaign's { $count } unanswered comments; each commenter sees it on their comment's page.
clusters-answer-save = Save for { $count } comments
clusters-answer-publish = Save and publish for { $count } comments
clusters-answer-none = Every comment of this campaign has been answered.
flash-cluster-saved = The group answer was saved for the whole campaign.
flash-cluster-published = The answer was published for the whole campaign; the commenters will be e-mailed.
