import Foundation

/// One forum: guiding question, ministries, moderation team, participants and its events.
enum ForumPage {
    struct Model: Sendable {
        /// The follow button; nil where none is shown.
        var follow: FollowButton? = nil
        struct Moderator: Sendable, Equatable {
            let name: String
            let function: String?
            let organisation: String?
        }

        let id: UUID
        let slug: String
        let title: String
        let subtitle: String?
        let guidingQuestion: String
        let concept: String?
        let summary: String
        let leadMinistry: MinistryReference
        let participatingMinistries: [MinistryReference]
        let ministryNote: String?
        let fields: [FieldReference]
        let moderators: [Moderator]
        let participantCircle: [String]
        let events: [EventSummary]
        /// Kept on the forum row (`M014AddForumIdeaCounts`), read with it.
        var visibleIdeaCount = 0
        var ideas: IdeaListSection?
        var notice: Notice?
        var relatedNews: [NewsReference] = []
        var downloads: DownloadBox? = nil
        var relatedForums: [(slug: String, title: String)] = []
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: model.title,
                description: model.guidingQuestion,
                breadcrumbs: [.init(title: "Themenforen", url: .forums(.none))],
                section: .forums,
                feeds: [
                    .init(title: "Neue Ideen: \(model.title)", mediaType: "application/atom+xml", url: .forumIdeasFeed(model.slug)),
                    .init(title: "Termine: \(model.title)", mediaType: "text/calendar", url: .forumCalendarFeed(model.slug)),
                ]
            )
        }

        func main(_ html: inout HTML) {
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("p", .class("kicker"), text: "Themenforum")
            html.element("h1", text: model.title)
            FollowButton.render(model.follow, into: &html)
            if let subtitle = model.subtitle {
                html.element("p", .class("subtitle"), text: subtitle)
            }
            html.element("p", .class("guiding-question lead")) { html in
                html.element("span", .class("label"), text: "Leitfrage: ")
                html.text(model.guidingQuestion)
            }
            if let concept = model.concept {
                html.element("p") { html in
                    html.element("strong", text: "Konzept: ")
                    html.text(concept)
                }
            }
            html.element("p", text: model.summary)
            ReferenceViews.fieldTags(model.fields, into: &html)

            html.element("section", .ariaLabelledBy("ressorts")) { html in
                html.element("h2", .id("ressorts"), text: "Ressorts")
                html.element("dl", .class("facts")) { html in
                    html.element("dt", text: "Federführung")
                    html.element("dd") { html in
                        ReferenceViews.ministryLink(model.leadMinistry, into: &html)
                        html.text(" – " + model.leadMinistry.name)
                    }
                    if !model.participatingMinistries.isEmpty {
                        html.element("dt", text: "Weitere beteiligte Ressorts")
                        html.element("dd") { html in
                            html.element("ul", .class("inline-list")) { html in
                                for ministry in model.participatingMinistries {
                                    html.element("li") { html in
                                        ReferenceViews.ministryLink(ministry, into: &html)
                                    }
                                }
                            }
                        }
                    }
                    if let note = model.ministryNote {
                        html.element("dt", text: "Hinweis")
                        html.element("dd", text: note)
                    }
                }
            }

            html.element("section", .ariaLabelledBy("moderation")) { html in
                html.element("h2", .id("moderation"), text: "Moderationsteam")
                html.element("ul", .class("people")) { html in
                    for person in model.moderators {
                        html.element("li") { html in
                            html.element("span", .class("person-name"), text: person.name)
                            if let function = person.function {
                                html.element("span", .class("person-function"), text: function)
                            }
                        }
                    }
                }
            }

            html.element("section", .ariaLabelledBy("teilnehmerkreis")) { html in
                html.element("h2", .id("teilnehmerkreis"), text: "Teilnehmerkreis")
                html.element("ul", .class("participant-circle")) { html in
                    for group in model.participantCircle {
                        html.element("li", text: group)
                    }
                }
            }

            html.element("section", .ariaLabelledBy("veranstaltungen")) { html in
                html.element("h2", .id("veranstaltungen"), text: "Veranstaltungen")
                if model.events.isEmpty {
                    html.element("p", text: "Für dieses Themenforum sind keine Veranstaltungen eingetragen.")
                } else {
                    EventViews.list(model.events, context: .withoutForum, into: &html)
                    html.element("p", .class("feeds")) { html in
                        html.element("a", .href(.forumCalendarFeed(model.slug)), text: "Termine des Themenforums abonnieren (iCalendar)")
                        html.text(" · ")
                        html.element("a", .href(.forumIdeasFeed(model.slug)), text: "Neue Ideen als Atom-Feed")
                    }
                }
            }

            if let downloads = model.downloads { DownloadViews.box(downloads, into: &html) }
            if let ideas = model.ideas {
                IdeaViews.section(ideas, into: &html)
            }
            RelatedViews.boxes(news: model.relatedNews, topics: model.relatedForums.map { ($0.title, SiteURL.forum($0.slug)) }, into: &html)
        }
    }
}
