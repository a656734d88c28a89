import Fluent
import Foundation
import Vapor

enum MapController {
    @Sendable static func show(req: Request) async throws -> Response {
        var filter = MapPage.Filter()
        if let forum = try? req.query.get(String.self, at: "themenforum"), !forum.isEmpty { filter.forum = forum }
        if let field = try? req.query.get(String.self, at: "handlungsfeld"), !field.isEmpty { filter.fieldOfAction = field }
        if let layers = try? req.query.get([String].self, at: "zeigen"), !layers.isEmpty {
            let parsed = layers.compactMap(MapPage.Layer.init(rawValue:))
            guard parsed.count == layers.count else { throw PageError.badRequest("Diese Ebene gibt es nicht auf der Karte.") }
            filter.layers = Set(parsed)
        }
        return MapPage.View(model: try await query(on: req.db, filter: filter)).response(req)
    }

    static func query(on database: any Database, filter: MapPage.Filter) async throws -> MapPage.Model {
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
        let forumIDs = Set(forums.filter { forum in
            (filter.forum == nil || forum.slug == filter.forum)
                && (filter.fieldOfAction == nil || forum.fieldsOfAction.contains { $0.slug == filter.fieldOfAction })
        }.compactMap(\.id))

        var byMunicipality: [UUID: [MapPage.Item]] = [:]
        var elsewhere: [MapPage.Item] = []
        if filter.layers.contains(.events) {
            let events = try await EventSummary.query(on: database).filter(\.$forum.$id ~~ Array(forumIDs)).all()
            for event in events.sorted(by: { ($0.date ?? "9", $0.slug) < ($1.date ?? "9", $1.slug) }) {
                let item = MapPage.Item(layer: .events, title: "\(EventSummary(event).title) – \(event.forum.title)", url: .event(event.slug))
                if let id = event.venue?.$municipality.id ?? event.$municipality.id { byMunicipality[id, default: []].append(item) } else if event.venue != nil { elsewhere.append(item) }
            }
        }
        if filter.layers.contains(.ideas) {
            let ideas = try await Idea.query(on: database)
                .filter(\.$forum.$id ~~ Array(forumIDs))
                .filter(\.$status ~~ IdeaStatus.publiclyVisible.map(\.rawValue))
                .filter(\.$municipality.$id != nil)
                .sort(\.$createdAt, .descending)
                .all()
            for idea in ideas {
                guard let municipalityID = idea.$municipality.id else { continue }
                byMunicipality[municipalityID, default: []].append(.init(layer: .ideas, title: idea.title, url: .idea(try idea.requireID().uuidString.lowercased())))
            }
        }
        if filter.layers.contains(.projects) {
            let projects = try await Project.query(on: database).with(\.$places).with(\.$fieldsOfAction).sort(\.$title).all()
            for project in projects {
                if let slug = filter.forum, project.$originForum.id != forums.first(where: { $0.slug == slug })?.id { continue }
                if let slug = filter.fieldOfAction, !project.fieldsOfAction.contains(where: { $0.slug == slug }) { continue }
                for place in project.places {
                    byMunicipality[try place.requireID(), default: []].append(.init(layer: .projects, title: project.title, url: .project(project.slug)))
                }
            }
        }
        var venues: [MapPage.Venue] = []
        if filter.layers.contains(.venues) {
            let events = try await Event.query(on: database).filter(\.$forum.$id ~~ Array(forumIDs)).filter(\.$venue.$id != nil).all()
            let counts = Dictionary(grouping: events.compactMap(\.$venue.id), by: { $0 }).mapValues(\.count)
            let rows = try await Venue.query(on: database).filter(\.$id ~~ Array(counts.keys)).with(\.$municipality).sort(\.$name).all()
            venues = rows.compactMap { venue in
                guard let latitude = venue.latitude, let longitude = venue.longitude, let id = venue.id else { return nil }
                return .init(slug: venue.slug, name: venue.name, municipalitySlug: venue.municipality?.slug, latitude: latitude, longitude: longitude, eventCount: counts[id] ?? 0)
            }
        }
        return MapPage.Model(
            filter: filter,
            forums: forums.map { ($0.slug, $0.title) },
            fields: fields.map { ($0.slug, $0.title) },
            places: municipalities.compactMap { municipality in
                guard let id = municipality.id, let items = byMunicipality[id] else { return nil }
                return MapPage.Place(slug: municipality.slug, name: municipality.name, latitude: municipality.latitude, longitude: municipality.longitude, items: items)
            },
            allMunicipalities: municipalities.map { ($0.name, $0.latitude, $0.longitude) },
            elsewhere: elsewhere,
            venues: venues
        )
    }
}
