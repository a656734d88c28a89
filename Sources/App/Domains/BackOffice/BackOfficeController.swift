import Fluent
import Foundation
import Vapor

/// The editing screens of the back office: list, form, draft, preview and publish for every
/// kind of content.
enum BackOfficeController {
    enum Action: String {
        case draft = "entwurf"
        case preview = "vorschau"
        case publish = "veroeffentlichen"
    }

    static func requireStaff(_ req: Request) throws -> User {
        let user = try req.requireUser()
        guard req.visitor.isStaff, !user.isBlocked else {
            throw PageError(
                status: .forbidden,
                reason: "Der Redaktionsbereich ist für Administration, Ressortredaktionen und Moderation. Ihr Konto hat keine dieser Rollen.")
        }
        return user
    }

    /// The editor named in the path, if the visitor may use it.
    static func editor(_ req: Request, _ kind: EditorKind) throws -> (ContentEditor, User) {
        let user = try requireStaff(req)
        let editor = kind.editor
        guard req.visitor.mayUse(editor) else {
            throw PageError(status: .forbidden, reason: "\(kind.plural) bearbeitet ein anderer Personenkreis. Ihre Rolle erlaubt das nicht.")
        }
        return (editor, user)
    }

    static func itemID(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            throw PageError.notFound("Diesen Eintrag gibt es nicht.")
        }
        return id
    }

    static let outOfScope =
        "Ihre Rolle erlaubt diesen Eintrag nicht. Ressortredaktionen bearbeiten die Inhalte ihres Ressorts, Moderationen die ihres Themenforums."

    /// Loads the published item and checks that the visitor may change it.
    static func current(_ editor: ContentEditor, _ id: UUID, _ req: Request) async throws -> EditorValues {
        guard let values = try await editor.load(id, req.db) else { throw PageError.notFound("Diesen Eintrag gibt es nicht.") }
        guard req.visitor.mayEdit(editor, scope: try await editor.scope(values, req.db)) else {
            throw PageError(status: .forbidden, reason: outOfScope)
        }
        return values
    }

    // MARK: Lists

    @Sendable static func list(req: Request, url: SiteURL) async throws -> Response {
        guard case .editorList(let kind) = url else { throw RouteMismatch(url: url) }
        let (editor, _) = try editor(req, kind)
        let rows = try await editor.rows(req.db).filter { req.visitor.mayEdit(editor, scope: $0.scope) }
        let drafts = try await ContentDraft.query(on: req.db).filter(\.$kind == editor.kind.rawValue).sort(\.$updatedAt, .descending).with(\.$author)
            .all()
        let titles = Dictionary(rows.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        return EditorListPage.View(
            model: .init(
                kind: editor.kind, rows: rows, allowsCreating: editor.allowsCreating,
                drafts: try drafts.filter { draft in draft.targetID.map { titles[$0] != nil } ?? true }.map { draft in
                    EditorListPage.DraftRow(
                        id: try draft.requireID(),
                        title: draft.values[editor.titleField].flatMap { $0.isEmpty ? nil : $0 } ?? draft.targetID.flatMap { titles[$0] }
                            ?? "ohne Titel",
                        isNew: draft.targetID == nil, author: draft.author.displayName, updatedAt: draft.updatedAt)
                }
            )
        ).response(req)
    }

    // MARK: Forms

    @Sendable static func newForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .editorNew(let kind, let draftText) = url else { throw RouteMismatch(url: url) }
        let (editor, _) = try editor(req, kind)
        guard editor.allowsCreating else { throw PageError.notFound("\(editor.kind.plural) werden nicht hier angelegt.") }
        var model = try await formModel(editor, id: nil, values: [:], version: "", req)
        if let draft = try await requestedDraft(req, draftText, editor, target: nil) {
            model.values = draft.values
            model.draftID = try draft.requireID()
        }
        return EditorFormPage.View(model: model).response(req)
    }

    @Sendable static func editForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .editorItem(let kind, let text, let draftText) = url else { throw RouteMismatch(url: url) }
        let (editor, _) = try editor(req, kind)
        let id = try itemID(text)
        let values = try await current(editor, id, req)
        var model = try await formModel(editor, id: id, values: values, version: values.version, req)
        if let draft = try await requestedDraft(req, draftText, editor, target: id) {
            model.values = draft.values
            model.version = draft.baseVersion ?? values.version
            model.draftID = try draft.requireID()
        }
        model.otherDrafts = try await ContentDraft.query(on: req.db).filter(\.$kind == editor.kind.rawValue).filter(\.$targetID == id)
            .with(\.$author).sort(\.$updatedAt, .descending).all()
            .filter { $0.id != model.draftID }
            .map { (try $0.requireID(), $0.author.displayName, $0.updatedAt) }
        return EditorFormPage.View(model: model).response(req)
    }

    private static func requestedDraft(_ req: Request, _ text: String?, _ editor: ContentEditor, target: UUID?) async throws -> ContentDraft? {
        guard let text else { return nil }
        guard let id = UUID(uuidString: text), let draft = try await ContentDraft.find(id, on: req.db),
            draft.kind == editor.kind.rawValue, draft.targetID == target
        else {
            throw PageError.notFound("Diesen Entwurf gibt es nicht mehr; vielleicht wurde er inzwischen veröffentlicht.")
        }
        return draft
    }

    static func formModel(_ editor: ContentEditor, id: UUID?, values: EditorValues, version: String, _ req: Request) async throws
        -> EditorFormPage.Model
    {
        EditorFormPage.Model(
            kind: editor.kind, id: id, fields: try await editor.fields(req.db), values: values, version: version,
            publicURL: try await id.asyncMap { try await editor.publicURL($0, req.db) } ?? nil,
            csrfToken: req.csrfToken(), notice: req.notice
        )
    }

    // MARK: Saving

    @Sendable static func create(req: Request, url: SiteURL) async throws -> Response {
        guard case .editorNew(let kind, _) = url else { throw RouteMismatch(url: url) }
        let (editor, user) = try editor(req, kind)
        guard editor.allowsCreating else { throw PageError.notFound("\(editor.kind.plural) werden nicht hier angelegt.") }
        return try await submit(req, editor, user, id: nil)
    }

    @Sendable static func update(req: Request, url: SiteURL) async throws -> Response {
        guard case .editorItem(let kind, let text, _) = url else { throw RouteMismatch(url: url) }
        let (editor, user) = try editor(req, kind)
        let id = try itemID(text)
        return try await submit(req, editor, user, id: id)
    }

    private static func submit(_ req: Request, _ editor: ContentEditor, _ user: User, id: UUID?) async throws -> Response {
        let stored = try await id.asyncMap { try await current(editor, $0, req) }
        let form = EditorInput.parseForm(req.body.string ?? "")
        let fields = try await editor.fields(req.db)
        let values = EditorInput.values(from: form, fields: fields)
        let action = Action(rawValue: form["_aktion"]?.first ?? "") ?? .publish
        let draftID = form["_entwurf"]?.first.flatMap(UUID.init(uuidString:))
        let version = form["_fassung"]?.first ?? ""

        var model = try await formModel(editor, id: id, values: values, version: version, req)
        model.draftID = draftID
        model.errors = try await problems(editor, values, fields: fields, id: id, requireAll: action == .publish, req)
        guard model.errors.isEmpty else { return EditorFormPage.View(model: model).response(req, status: .unprocessableEntity) }

        switch action {
        case .draft, .preview:
            let draft = try await saveDraft(editor, id: id, values: values, version: stored == nil ? nil : version, draftID: draftID, user: user, req)
            let draftID = try draft.requireID().formValue
            if action == .preview { return req.redirect(to: SiteURL.draft(draftID).path) }
            let url: SiteURL = id.map { .editorItem(editor.kind, $0.formValue, draft: draftID) } ?? .editorNew(editor.kind, draft: draftID)
            return req.redirect(to: url.with(.draftSaved))
        case .publish:
            return try await publish(req, editor, user, id: id, stored: stored, values: values, version: version, draftID: draftID, model: model)
        }
    }

    /// Field rules, the editor's own checks and whether the chosen owner is within the visitor's role.
    static func problems(_ editor: ContentEditor, _ values: EditorValues, fields: [EditorField], id: UUID?, requireAll: Bool, _ req: Request)
        async throws -> FormErrors
    {
        var errors = EditorInput.validate(values, fields: fields, requireAll: requireAll)
        guard errors.isEmpty else { return errors }
        // A draft may still be incomplete; the editor's own rules apply when it is published.
        if requireAll {
            for (field, message) in try await editor.check(values, id, req.db).messages { errors.add(field, message) }
        }
        if !req.visitor.mayEdit(editor, scope: try await editor.scope(values, req.db)) {
            errors.add(editor.scopeField ?? fields.first?.name ?? "titel", outOfScope)
        }
        return errors
    }

    private static func saveDraft(
        _ editor: ContentEditor, id: UUID?, values: EditorValues, version: String?, draftID: UUID?, user: User, _ req: Request
    ) async throws -> ContentDraft {
        let draft: ContentDraft
        if let draftID, let existing = try await ContentDraft.find(draftID, on: req.db), existing.kind == editor.kind.rawValue,
            existing.targetID == id
        {
            draft = existing
        } else {
            draft = ContentDraft()
            draft.kind = editor.kind.rawValue
            draft.targetID = id
            draft.baseVersion = version
        }
        draft.values = values
        draft.$author.id = try user.requireID()
        draft.updatedAt = Date()
        try await req.db.transaction { database in
            try await draft.save(on: database)
            try await AuditEvent.record(
                actor: user, action: "\(editor.kind.rawValue).entwurf", kind: editor.kind.rawValue, target: id,
                reason: values[editor.titleField], after: EditorValues.json(values), on: database)
        }
        return draft
    }

    /// Writes the values to the published item, unless someone else changed it since `version`.
    static func publish(
        _ req: Request, _ editor: ContentEditor, _ user: User, id: UUID?, stored: EditorValues?, values: EditorValues,
        version: String, draftID: UUID?, model: EditorFormPage.Model
    ) async throws -> Response {
        if let stored, stored.version != version {
            var conflict = model
            conflict.version = stored.version
            conflict.conflicts = model.fields.compactMap { field in
                let theirs = stored[field.name] ?? ""
                return theirs == (values[field.name] ?? "") ? nil : (field.label, field.display(theirs))
            }
            return EditorFormPage.View(model: conflict).response(req, status: .conflict)
        }
        if let stored, stored == values {
            if let draftID { try await ContentDraft.query(on: req.db).filter(\.$id == draftID).delete() }
            return req.redirect(to: SiteURL.editorItem(editor.kind, id!.formValue, draft: nil).with(.unchanged))
        }
        let context = EditorContext(actorID: try user.requireID(), today: req.clock.today(), links: try await LinkSigning(req))
        let savedID = try await req.db.transaction { database in
            let savedID = try await editor.save(id, values, context, database)
            try await AuditEvent.record(
                actor: user, action: "\(editor.kind.rawValue).\(stored == nil ? "angelegt" : "geaendert")", kind: editor.kind.rawValue,
                target: savedID,
                reason: values[editor.titleField], before: stored.map(EditorValues.json), after: EditorValues.json(values), on: database
            )
            if let draftID { try await ContentDraft.query(on: database).filter(\.$id == draftID).delete() }
            return savedID
        }
        return req.redirect(to: SiteURL.editorItem(editor.kind, savedID.formValue, draft: nil).with(.published))
    }

    // MARK: Drafts

    private static func draftAndEditor(_ req: Request, id text: String) async throws -> (ContentDraft, ContentEditor, User) {
        let user = try requireStaff(req)
        guard let draft = try await ContentDraft.find(try itemID(text), on: req.db), let kind = EditorKind(rawValue: draft.kind) else {
            throw PageError.notFound("Diesen Entwurf gibt es nicht mehr; vielleicht wurde er inzwischen veröffentlicht.")
        }
        let editor = kind.editor
        guard req.visitor.mayEdit(editor, scope: try await editor.scope(draft.values, req.db)) else {
            throw PageError(status: .forbidden, reason: outOfScope)
        }
        return (draft, editor, user)
    }

    @Sendable static func preview(req: Request, url: SiteURL) async throws -> Response {
        guard case .draft(let text) = url else { throw RouteMismatch(url: url) }
        let (draft, editor, _) = try await draftAndEditor(req, id: text)
        return DraftPreviewPage.View(
            model: .init(
                kind: editor.kind, draftID: try draft.requireID(), targetID: draft.targetID, fields: try await editor.fields(req.db),
                values: draft.values, version: draft.baseVersion ?? "", csrfToken: req.csrfToken()
            )
        ).response(req)
    }

    @Sendable static func publishDraft(req: Request, url: SiteURL) async throws -> Response {
        guard case .draft(let text) = url else { throw RouteMismatch(url: url) }
        let (draft, editor, user) = try await draftAndEditor(req, id: text)
        let id = draft.targetID
        let stored = try await id.asyncMap { try await current(editor, $0, req) }
        let fields = try await editor.fields(req.db)
        let values = draft.values
        var model = try await formModel(editor, id: id, values: values, version: draft.baseVersion ?? "", req)
        model.draftID = try draft.requireID()
        model.errors = try await problems(editor, values, fields: fields, id: id, requireAll: true, req)
        guard model.errors.isEmpty else { return EditorFormPage.View(model: model).response(req, status: .unprocessableEntity) }
        return try await publish(
            req, editor, user, id: id, stored: stored, values: values, version: draft.baseVersion ?? "", draftID: model.draftID, model: model)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
