import Fluent
import Foundation
import Vapor

/// What the audit log shows: who, which area, which days.
public struct AuditFilter: Sendable, Hashable {
    var person: String?
    var area: String?
    var from: LocalDate?
    var to: LocalDate?
    var page = 1

    static let none = AuditFilter()

    var queryItems: [(String, String)] {
        [
            person.map { ("person", $0) }, area.map { ("bereich", $0) }, from.map { ("von", $0.iso) }, to.map { ("bis", $0.iso) },
            page > 1 ? ("seite", String(page)) : nil,
        ].compactMap { $0 }
    }
}

extension AuditFilter {
    /// Reads the filter from the query; a malformed date is a clear 400, not an empty list.
    init(_ input: RouteInput) throws {
        func text(_ name: String) -> String? {
            let value = (input.query(name) ?? "").trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : String(value.prefix(100))
        }
        func date(_ name: String) throws -> LocalDate? {
            guard let value = text(name) else { return nil }
            guard let date = LocalDate(iso: value) else {
                throw PageError(status: .badRequest, reason: "Bitte geben Sie Datumsangaben im Protokollfilter als JJJJ-MM-TT an.")
            }
            return date
        }
        self.init(
            person: text("person"), area: text("bereich"), from: try date("von"), to: try date("bis"),
            page: try Pagination.page(from: text("seite")))
    }
}

/// One line of the audit log, as the page and the CSV export show it.
struct AuditEntry: Sendable, CSVRecord {
    let time: Date
    let actorName: String
    let actorEmail: String
    let action: String
    let area: String
    let targetID: String
    let title: String
    let before: String
    let after: String

    static let csvHeader = ["zeit", "person", "email", "aktion", "bereich", "ziel_id", "titel_oder_grund", "vorher", "nachher"]
    var csvFields: [String] { [GermanFormat.isoDateTime(time), actorName, actorEmail, action, area, targetID, title, before, after] }

    enum CodingKeys: CodingKey {}
    func encode(to encoder: any Encoder) throws {}
}

enum AuditLog {
    static let perPage = 50
    static let exportLimit = 20_000

    static func query(on database: any Database, filter: AuditFilter) async throws -> QueryBuilder<AuditEvent> {
        let query = AuditEvent.query(on: database)
        if let person = filter.person {
            let needle = person.lowercased()
            let matching = try await User.query(on: database).all()
                .filter { $0.email.contains(needle) || $0.displayName.lowercased().contains(needle) }
                .compactMap(\.id)
            query.filter(\.$actor.$id ~~ matching)
        }
        if let area = filter.area { query.filter(\.$targetKind == area) }
        if let from = filter.from { query.filter(\.$createdAt >= startOfDay(from)) }
        if let to = filter.to { query.filter(\.$createdAt < startOfDay(to, plusDays: 1)) }
        return query
    }

    /// Midnight in the Ruhr region, where staff read the dates.
    static func startOfDay(_ date: LocalDate, plusDays: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day + plusDays)) ?? Date.distantPast
    }

    static func entries(_ events: [AuditEvent]) -> [AuditEntry] {
        events.map { event in
            AuditEntry(
                time: event.createdAt, actorName: event.actor?.displayName ?? "Kommandozeile oder System", actorEmail: event.actor?.email ?? "",
                action: event.action, area: event.targetKind, targetID: event.targetID?.formValue ?? "", title: event.reason ?? "",
                before: event.before ?? "", after: event.after ?? ""
            )
        }
    }

    @Sendable static func page(req: Request, url: SiteURL) async throws -> Response {
        guard case .auditLog(let filter) = url else { throw RouteMismatch(url: url) }
        _ = try req.requireAdmin()
        let total = try await query(on: req.db, filter: filter).count()
        let pagination = Pagination(page: filter.page, perPage: perPage, total: total)
        let events = try await query(on: req.db, filter: filter).with(\.$actor)
            .sort(\.$createdAt, .descending).range(pagination.offset..<(pagination.offset + perPage)).all()
        return AuditLogPage.View(
            model: .init(
                filter: filter, areas: try await AuditEvent.query(on: req.db).unique().all(\.$targetKind).sorted(),
                entries: entries(events), pagination: pagination
            )
        ).response(req)
    }

    @Sendable static func csv(req: Request, url: SiteURL) async throws -> Response {
        guard case .auditLogCSV(let filter) = url else { throw RouteMismatch(url: url) }
        _ = try req.requireAdmin()
        let events = try await query(on: req.db, filter: filter).with(\.$actor).sort(\.$createdAt, .descending).limit(exportLimit).all()
        let response = Response(status: .ok, body: .init(string: CSVWriter.write(entries(events), style: .excel)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"protokoll.csv\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}

enum AuditLogPage {
    struct Model: Sendable {
        let filter: AuditFilter
        let areas: [String]
        let entries: [AuditEntry]
        let pagination: Pagination
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Protokoll", breadcrumbs: [.backOffice]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Protokoll")
            html.element(
                "p", .class("lead"),
                text: "Jede Änderung durch die Redaktion und jede Moderationsentscheidung, mit Person, Zeit und der Fassung vorher und nachher.")
            html.element("form", .attr("method", "get"), .action(.auditLog(.none)), .class("form filter-form")) { html in
                FormViews.input(
                    .init(name: "person", label: "Person (Name oder E-Mail)", value: model.filter.person ?? "", isRequired: false, maxLength: 100),
                    errors: FormErrors(), into: &html)
                FormViews.select(
                    .init(name: "bereich", label: "Bereich", value: model.filter.area ?? "", isRequired: false),
                    options: model.areas.map { ($0, $0) }, emptyLabel: "alle Bereiche", errors: FormErrors(), into: &html)
                FormViews.input(
                    .init(name: "von", label: "Von", type: "date", value: model.filter.from?.iso ?? "", isRequired: false), errors: FormErrors(),
                    into: &html)
                FormViews.input(
                    .init(name: "bis", label: "Bis", type: "date", value: model.filter.to?.iso ?? "", isRequired: false), errors: FormErrors(),
                    into: &html)
                html.element("button", .attr("type", "submit"), text: "Filtern")
            }
            var csvFilter = model.filter
            csvFilter.page = 1
            html.element("p") { html in
                html.element("a", .href(.auditLogCSV(csvFilter)), text: "Diese Auswahl als CSV herunterladen")
                html.text(" (\(GermanFormat.count(model.pagination.total, "Eintrag", "Einträge")))")
            }
            if model.entries.isEmpty {
                html.element("p", text: "Keine Einträge für diese Auswahl.")
                return
            }
            html.element("ol", .class("audit-log")) { html in
                for entry in model.entries {
                    html.element("li", .class("card")) { html in
                        html.element("p") { html in
                            html.element("strong", text: entry.action)
                            html.text(" · \(entry.area) · \(GermanFormat.dateTime(entry.time)) · \(entry.actorName)")
                        }
                        if !entry.title.isEmpty { html.element("p", text: entry.title) }
                        if !entry.before.isEmpty || !entry.after.isEmpty { changes(entry, &html) }
                    }
                }
            }
            Pagination.render(
                model.pagination, label: "Seiten des Protokolls",
                url: { page in
                    var filter = model.filter
                    filter.page = page
                    return .auditLog(filter)
                }, into: &html)
        }

        /// The fields that differ between before and after; plain text when the entry holds no form values.
        private func changes(_ entry: AuditEntry, _ html: inout HTML) {
            let before = try? JSONDecoder().decode(EditorValues.self, from: Data(entry.before.utf8))
            let after = try? JSONDecoder().decode(EditorValues.self, from: Data(entry.after.utf8))
            html.element("details") { html in
                html.element("summary", text: "Änderungen anzeigen")
                if before != nil || after != nil {
                    let keys = Set((before ?? [:]).keys).union((after ?? [:]).keys).sorted().filter { before?[$0] != after?[$0] }
                    html.element("table", .class("data-table")) { html in
                        html.element("thead") { html in
                            html.element("tr") { html in
                                html.element("th", .attr("scope", "col"), text: "Feld")
                                html.element("th", .attr("scope", "col"), text: "Vorher")
                                html.element("th", .attr("scope", "col"), text: "Nachher")
                            }
                        }
                        html.element("tbody") { html in
                            for key in keys {
                                html.element("tr") { html in
                                    html.element("th", .attr("scope", "row"), text: key)
                                    html.element("td", text: before?[key] ?? "")
                                    html.element("td", text: after?[key] ?? "")
                                }
                            }
                        }
                    }
                } else {
                    if !entry.before.isEmpty { html.element("p", text: "Vorher: " + entry.before) }
                    if !entry.after.isEmpty { html.element("p", text: "Nachher: " + entry.after) }
                }
            }
        }
    }
}
