import Fluent
import Vapor

enum ProjectPage {
    struct Model: Sendable {
        /// The follow button; nil where none is shown.
        var follow: FollowButton? = nil
        struct Result: Sendable, Equatable {
            var position: Int = 0
            let text: String
            let value: Double?
            let qualifier: String?
            let unit: String?
            let asOf: YearMonth

            /// "über 180 geschulte kommunale Mitarbeitende"
            var figure: String? {
                guard let value else { return nil }
                return [qualifier, GermanFormat.number(value), unit].compactMap { $0 }.joined(separator: " ")
            }
        }

        struct Partner: Sendable, Equatable {
            var slug: String? = nil
            let name: String
            let roles: [String]
        }

        let id: UUID
        let slug: String
        let title: String
        let subtitle: String?
        let summary: String
        let goals: [String]
        let description: [String]
        let status: ProjectStatus
        let kind: ProjectKind?
        let fields: [FieldReference]
        let originForum: (id: UUID, slug: String, title: String)?
        let leadMinistry: MinistryReference?
        let results: [Result]
        let partners: [Partner]
        var leadMinistryID: UUID? = nil
        var startsOn: LocalDate? = nil
        var endsOn: LocalDate? = nil
        var places: [String] = []
        var funding: [(source: FundingSource, amount: Int)] = []
        var milestones: [(date: LocalDate, title: String, isReached: Bool)] = []
        var journey: JourneyViews.Journey? = nil
        var downloads: DownloadBox? = nil
        /// Set for the people who may report results, milestones and files.
        var managementCSRF: String? = nil
        var relatedNews: [NewsReference] = []
        var relatedForums: [(slug: String, title: String)] = []
        var rating: RatingBox?
        var comments: CommentSection?
        var notice: Notice?

        /// The latest as-of month among the results ("Stand Mai 2024").
        var resultsAsOf: YearMonth? { results.map(\.asOf).max() }

        /// Each result with its earlier reports: results with the same position are one series.
        var resultSeries: [[Result]] {
            var order: [Int] = []
            var byPosition: [Int: [Result]] = [:]
            for result in results {
                if byPosition[result.position] == nil { order.append(result.position) }
                byPosition[result.position, default: []].append(result)
            }
            return order.map { byPosition[$0]!.sorted { $0.asOf < $1.asOf } }
        }
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: model.title,
                description: model.summary,
                breadcrumbs: [.init(title: "Projekte", url: .projects)],
                section: .projects
            )
        }

        func main(_ html: inout HTML) {
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("p", .class("kicker"), text: "Projekt")
            html.element("h1", text: model.title)
            FollowButton.render(model.follow, into: &html)
            if let subtitle = model.subtitle {
                html.element("p", .class("lead"), text: subtitle)
            }
            html.element("dl", .class("facts")) { html in
                EventViews.fact("Status", model.status.label, into: &html)
                EventViews.fact("Art", model.kind?.label ?? "nicht angegeben", into: &html)
                if let forum = model.originForum {
                    html.element("dt", text: "Aus dem Themenforum")
                    html.element("dd") { html in
                        html.element("a", .href(.forum(forum.slug)), text: forum.title)
                    }
                }
                if let ministry = model.leadMinistry {
                    html.element("dt", text: "Ressort")
                    html.element("dd") { html in ReferenceViews.ministryLink(ministry, into: &html) }
                }
            }
            ReferenceViews.fieldTags(model.fields, into: &html)
            if let journey = model.journey {
                JourneyViews.journey(journey, current: .project, into: &html)
            }

            html.element("section", .ariaLabelledBy("ziele")) { html in
                html.element("h2", .id("ziele"), text: "Ziele")
                html.element("ul") { html in
                    for goal in model.goals { html.element("li", text: goal) }
                }
            }
            html.element("section", .ariaLabelledBy("beschreibung")) { html in
                html.element("h2", .id("beschreibung"), text: "Kurzbeschreibung")
                html.element("p", text: model.summary)
                for paragraph in model.description { html.element("p", text: paragraph) }
            }
            plan(&html)
            results(&html)
            partners(&html)
            if let downloads = model.downloads { DownloadViews.box(downloads, into: &html) }
            RelatedViews.boxes(news: model.relatedNews, topics: model.relatedForums.map { ($0.title, SiteURL.forum($0.slug)) }, into: &html)
            if let csrf = model.managementCSRF { management(csrf, &html) }
            if let rating = model.rating { ParticipationViews.rating(rating, into: &html) }
            if let comments = model.comments { CommentViews.section(comments, into: &html) }
        }

        private func management(_ csrf: String, _ html: inout HTML) {
            html.element("section", .class("management"), .ariaLabelledBy("pflege")) { html in
                html.element("h2", .id("pflege"), text: "Projekt pflegen")
                html.element("details") { html in
                    html.element("summary", text: "Resultat melden")
                    html.element("form", .attr("method", "post"), .action(.reportResult(model.slug)), .class("form")) { html in
                        FormViews.csrf(csrf, into: &html)
                        FormViews.select(
                            .init(
                                name: "reihe", label: "Resultat", hint: "Ein neuer Stand eines gemeldeten Resultats ergänzt dessen Verlauf.",
                                isRequired: false),
                            options: model.resultSeries.map { (String($0.last!.position), $0.last!.text) }, emptyLabel: "Neues Resultat",
                            errors: FormErrors(), into: &html)
                        FormViews.input(
                            .init(name: "text", label: "Beschreibung", maxLength: ProjectManagement.textLength.upperBound), errors: FormErrors(),
                            into: &html)
                        FormViews.input(
                            .init(name: "vorsatz", label: "Vorsatz", hint: "zum Beispiel „über“", isRequired: false, maxLength: 20),
                            errors: FormErrors(), into: &html)
                        FormViews.input(
                            .init(name: "wert", label: "Wert", hint: "eine Zahl, zum Beispiel 180 oder 12,5", isRequired: false, maxLength: 20),
                            errors: FormErrors(), into: &html)
                        FormViews.input(.init(name: "einheit", label: "Einheit", isRequired: false, maxLength: 80), errors: FormErrors(), into: &html)
                        FormViews.input(
                            .init(name: "stand", label: "Stand (JJJJ-MM)", type: "month", maxLength: 7), errors: FormErrors(), into: &html)
                        html.element("button", .attr("type", "submit"), text: "Resultat speichern")
                    }
                }
                html.element("details") { html in
                    html.element("summary", text: "Meilenstein eintragen")
                    html.element("form", .attr("method", "post"), .action(.addMilestone(model.slug)), .class("form")) { html in
                        FormViews.csrf(csrf, into: &html)
                        FormViews.input(.init(name: "datum", label: "Datum", type: "date", maxLength: 10), errors: FormErrors(), into: &html)
                        FormViews.input(
                            .init(name: "titel", label: "Meilenstein", maxLength: ProjectManagement.titleLength.upperBound), errors: FormErrors(),
                            into: &html)
                        html.element("div", .class("field checkbox")) { html in
                            html.void("input", .id("feld-erreicht"), .attr("type", "checkbox"), .attr("name", "erreicht"), .attr("value", "ja"))
                            html.element("label", .attr("for", "feld-erreicht"), text: "bereits erreicht")
                        }
                        html.element("button", .attr("type", "submit"), text: "Meilenstein speichern")
                    }
                }
            }
        }

        private func plan(_ html: inout HTML) {
            guard model.startsOn != nil || model.endsOn != nil || !model.places.isEmpty || !model.funding.isEmpty || !model.milestones.isEmpty else {
                return
            }
            html.element("section", .ariaLabelledBy("planung")) { html in
                html.element("h2", .id("planung"), text: "Laufzeit, Orte und Finanzierung")
                html.element("dl", .class("facts")) { html in
                    if model.startsOn != nil || model.endsOn != nil {
                        EventViews.fact(
                            "Laufzeit",
                            [model.startsOn.map { "ab \(GermanFormat.long($0))" }, model.endsOn.map { "bis \(GermanFormat.long($0))" }].compactMap {
                                $0
                            }.joined(separator: " "), into: &html)
                    }
                    if !model.places.isEmpty {
                        EventViews.fact("Orte", model.places.joined(separator: ", "), into: &html)
                    }
                }
                if !model.funding.isEmpty {
                    let points = model.funding.map { Charts.Point(label: $0.source.label, value: Double($0.amount)) }
                    Charts.table(
                        points,
                        caption:
                            "Geplante Finanzierung nach Mittelgeber "
                            + "(insgesamt \(GermanFormat.number(Double(model.funding.reduce(0) { $0 + $1.amount }))) Euro)",
                        labelHeading: "Mittelgeber", valueHeading: "Euro", valueText: { GermanFormat.number($0) + " €" }, into: &html)
                }
                if !model.milestones.isEmpty {
                    html.element("h3", text: "Meilensteine")
                    html.element("ol", .class("milestones")) { html in
                        for milestone in model.milestones {
                            html.element("li") { html in
                                html.element("time", .attr("datetime", milestone.date.iso), text: GermanFormat.long(milestone.date))
                                html.text(" – " + milestone.title + (milestone.isReached ? " (erreicht)" : ""))
                            }
                        }
                    }
                }
            }
        }

        private func results(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("resultate")) { html in
                html.element("h2", .id("resultate")) { html in
                    html.text("Resultate")
                    if let asOf = model.resultsAsOf {
                        html.element("span", .class("as-of"), text: " (\(GermanFormat.asOf(asOf)))")
                    }
                }
                guard !model.results.isEmpty else {
                    html.element("p", text: "Das Projekt hat noch keine Resultate gemeldet.")
                    return
                }
                html.element("ul", .class("results")) { html in
                    for (index, series) in model.resultSeries.enumerated() {
                        let result = series.last!
                        html.element("li", .class("result")) { html in
                            if let figure = result.figure {
                                html.element("strong", .class("figure"), text: figure)
                            }
                            html.element("span", .class("result-text"), text: result.text)
                            if result.asOf != model.resultsAsOf {
                                html.element("span", .class("as-of"), text: " (\(GermanFormat.asOf(result.asOf)))")
                            }
                            let history = series.compactMap { entry in
                                entry.value.map { Charts.Point(label: "\(LocalDate.pad(entry.asOf.month, 2))/\(entry.asOf.year)", value: $0) }
                            }
                            if history.count > 1 {
                                html.element("figure", .class("result-history")) { html in
                                    Charts.line(
                                        history, title: "Verlauf: \(result.unit ?? result.text)",
                                        description:
                                            "Werte von \(history.first!.label) bis \(history.last!.label), "
                                            + "zuletzt \(GermanFormat.number(history.last!.value)).",
                                        id: "verlauf-\(index)", into: &html)
                                    Charts.table(
                                        history, caption: "Verlauf in Zahlen", labelHeading: "Stand", valueHeading: result.unit ?? "Wert",
                                        valueText: { GermanFormat.number($0) }, into: &html)
                                }
                            }
                        }
                    }
                }
            }
        }

        private func partners(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("partner")) { html in
                html.element("h2", .id("partner"), text: "Partner")
                guard !model.partners.isEmpty else {
                    html.element("p", text: "Keine Partner eingetragen.")
                    return
                }
                html.element("table", .class("partners")) { html in
                    html.element("caption", .class("visually-hidden"), text: "Partner des Projekts und ihre Rollen")
                    html.element("thead") { html in
                        html.element("tr") { html in
                            html.element("th", .attr("scope", "col"), text: "Organisation")
                            html.element("th", .attr("scope", "col"), text: "Rolle")
                        }
                    }
                    html.element("tbody") { html in
                        for partner in model.partners {
                            html.element("tr") { html in
                                html.element("th", .attr("scope", "row")) { html in
                                    if let slug = partner.slug {
                                        html.element("a", .href(.organisation(slug)), text: partner.name)
                                    } else {
                                        html.text(partner.name)
                                    }
                                }
                                html.element("td", text: partner.roles.joined(separator: " / "))
                            }
                        }
                    }
                }
            }
        }
    }
}
