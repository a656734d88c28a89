import Fluent
import Foundation
import SQLKit
import Vapor

enum MapController {
    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .map(let filter) = url else { throw RouteMismatch(url: url) }
        return MapPage.View(model: try await query(on: req.db, filter: filter)).response(req)
    }

    static func query(on database: any Database, filter: MapFilter) async throws -> MapPage.Model {
        let forums = try await Forum.query(on: database).with(\.$fieldsOfAction).sort(\.$position).all()
        let fields = try await FieldOfAction.query(on: database).sort(\.$position).all()
        let municipalities = try await Municipality.query(on: database).sort(\.$name).all()
        if let slug = filter.forum, !forums.contains(where: { $0.slug == slug }) {
            throw PageError.badRequest("Dieses Themenforum gibt es nicht.")
        }
        if let slug = filter.fieldOfAction, !fields.contains(where: { $0.slug == slug }) {
            throw PageError.badRequest("Dieses Handlungsfeld gibt es nicht.")
        }
        // Forums that pass the filter; projects are filtered by their own fields of action.
        let forumIDs = Set(
            forums.filter { forum in
                (filter.forum == nil || forum.slug == filter.forum)
                    && (filter.fieldOfAction == nil || forum.fieldsOfAction.contains { $0.slug == filter.fieldOfAction })
            }.compactMap(\.id))

        var byMunicipality: [UUID: [MapPage.Item]] = [:]
        var elsewhere: [MapPage.Item] = []
        if filter.layers.contains(.events) {
            let events = try await EventSummary.query(on: database).filter(\.$forum.$id ~~ Array(forumIDs)).all()
            for event in events.sorted(by: { ($0.date ?? "9", $0.slug) < ($1.date ?? "9", $1.slug) }) {
                let item = MapPage.Item(layer: .events, title: "\(EventSummary(event).title) – \(event.forum.title)", url: .event(event.slug))
                if let id = event.venue?.$municipality.id ?? event.$municipality.id {
                    byMunicipality[id, default: []].append(item)
                } else if event.venue != nil {
                    elsewhere.append(item)
                }
            }
        }
        var ideaTotals: [UUID: Int] = [:]
        if filter.layers.contains(.ideas), !forumIDs.isEmpty, let sql = database as? any SQLDatabase {
            // A municipality may hold thousands of ideas: the map counts them and names the newest few,
            // both along the municipality indexes (M013).
            let visible = IdeaStatus.publiclyVisible.map(\.rawValue)
            let forumCondition: SQLQueryString = forumIDs.count == forums.count ? "" : " AND forum_id IN (\(binds: Array(forumIDs)))"
            for row in try await sql.raw(
                """
                SELECT municipality_id, COUNT(*) AS total FROM ideas
                WHERE municipality_id IS NOT NULL AND status IN (\(binds: visible))\(forumCondition)
                GROUP BY municipality_id
                """
            ).all() {
                ideaTotals[try row.decode(column: "municipality_id", as: UUID.self)] = try row.decode(column: "total", as: Int.self)
            }
            let newest = try await sql.raw(
                """
                SELECT i.municipality_id, i.id, i.title FROM municipalities m JOIN ideas i ON i.id IN (
                  SELECT id FROM ideas WHERE municipality_id = m.id AND status IN (\(binds: visible))\(forumCondition)
                  ORDER BY created_at DESC LIMIT \(bind: MapPage.itemsShownPerLayer))
                ORDER BY i.created_at DESC
                """
            ).all()
            for row in newest {
                let id = try row.decode(column: "id", as: UUID.self)
                byMunicipality[try row.decode(column: "municipality_id", as: UUID.self), default: []]
                    .append(.init(layer: .ideas, title: try row.decode(column: "title", as: String.self), url: .idea(id.formValue)))
            }
        }
        if filter.layers.contains(.projects), let sql = database as? any SQLDatabase {
            var conditions: [SQLQueryString] = ["1 = 1"]
            if let slug = filter.forum { conditions.append("p.origin_forum_id = (SELECT id FROM forums WHERE slug = \(bind: slug))") }
            if let slug = filter.fieldOfAction {
                conditions.append(
                    "p.id IN (SELECT pf.project_id FROM project_fields pf JOIN fields_of_action a ON a.id = pf.field_id WHERE a.slug = \(bind: slug))"
                )
            }
            for row in try await sql.raw(
                """
                SELECT pp.municipality_id, p.slug, p.title FROM project_places pp JOIN projects p ON p.id = pp.project_id
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.title
                """
            ).all() {
                byMunicipality[try row.decode(column: "municipality_id", as: UUID.self), default: []]
                    .append(
                        .init(
                            layer: .projects, title: try row.decode(column: "title", as: String.self),
                            url: .project(try row.decode(column: "slug", as: String.self))))
            }
        }
        var venues: [MapPage.Venue] = []
        if filter.layers.contains(.venues) {
            let events = try await Event.query(on: database).filter(\.$forum.$id ~~ Array(forumIDs)).filter(\.$venue.$id != nil).all()
            let counts = Dictionary(grouping: events.compactMap(\.$venue.id), by: { $0 }).mapValues(\.count)
            let rows = try await Venue.query(on: database).filter(\.$id ~~ Array(counts.keys)).with(\.$municipality).sort(\.$name).all()
            venues = rows.compactMap { venue in
                guard let latitude = venue.latitude, let longitude = venue.longitude, let id = venue.id else { return nil }
                return .init(
                    slug: venue.slug, name: venue.name, municipalitySlug: venue.municipality?.slug, latitude: latitude, longitude: longitude,
                    eventCount: counts[id] ?? 0)
            }
        }
        return MapPage.Model(
            filter: filter,
            forums: forums.map { ($0.slug, $0.title) },
            fields: fields.map { ($0.slug, $0.title) },
            places: municipalities.compactMap { municipality in
                guard let id = municipality.id, let items = byMunicipality[id] else { return nil }
                var totals = Dictionary(grouping: items, by: \.layer).mapValues(\.count)
                totals[.ideas] = ideaTotals[id]
                let shown = MapPage.Layer.allCases.flatMap { layer in items.filter { $0.layer == layer }.prefix(MapPage.itemsShownPerLayer) }
                return MapPage.Place(
                    slug: municipality.slug, name: municipality.name, latitude: municipality.latitude, longitude: municipality.longitude,
                    items: shown, totals: totals)
            },
            allMunicipalities: municipalities.map { ($0.name, $0.latitude, $0.longitude) },
            elsewhere: elsewhere,
            venues: venues
        )
    }
}

/// What the map shows: one forum or field of action, and which layers.
struct MapFilter: Sendable, Hashable {
    var forum: String?
    var fieldOfAction: String?
    var layers: Set<MapPage.Layer> = Set(MapPage.Layer.allCases)

    static let all = MapFilter()

    enum QueryKey {
        static let forum = "themenforum"
        static let fieldOfAction = "handlungsfeld"
        static let layers = "zeigen[]"
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let forum { items.append((QueryKey.forum, forum)) }
        if let fieldOfAction { items.append((QueryKey.fieldOfAction, fieldOfAction)) }
        if layers.count < MapPage.Layer.allCases.count {
            items += MapPage.Layer.allCases.filter(layers.contains).map { (QueryKey.layers, $0.rawValue) }
        }
        return items
    }

    init(forum: String? = nil, fieldOfAction: String? = nil, layers: Set<MapPage.Layer> = Set(MapPage.Layer.allCases)) {
        self.forum = forum
        self.fieldOfAction = fieldOfAction
        self.layers = layers
    }

    init(_ input: RouteInput) throws {
        if let forum = input.query(QueryKey.forum), !forum.isEmpty { self.forum = forum }
        if let field = input.query(QueryKey.fieldOfAction), !field.isEmpty { fieldOfAction = field }
        let names = input.queryList("zeigen")
        if !names.isEmpty {
            let parsed = names.compactMap(MapPage.Layer.init(rawValue:))
            guard parsed.count == names.count else { throw PageError.badRequest("Diese Ebene gibt es nicht auf der Karte.") }
            layers = Set(parsed)
        }
    }
}
