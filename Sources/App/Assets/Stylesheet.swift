import Crypto
import Vapor

/// The site's one stylesheet, compiled into the binary so that a single file runs the portal.
/// Colours keep at least 4.5:1 contrast (WCAG 2.1 AA); focus is always visible.
enum Stylesheet {
    static let css = #"""
        :root {
          --ink: #1b1f24; --muted: #4a5560; --paper: #ffffff; --tint: #f3f5f8; --line: #c9d1da;
          --accent: #0b4f8a; --accent-dark: #083a66; --accent-tint: #e6eff8; --current: #8a3b00; --focus: #ffbf47;
          --radius: 6px; --measure: 72ch;
          /* Header, breadcrumbs, content and footer share one left edge: the content's column. */
          --gutter: clamp(1rem, 4vw, 3rem); --edge: max(var(--gutter), calc((100% - 75rem) / 2 + var(--gutter)));
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { font-size: 100%; -webkit-text-size-adjust: 100%; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; \#
        line-height: 1.55; color: var(--ink); background: var(--paper); }
        a { color: var(--accent); text-underline-offset: 0.15em; }
        a:hover { color: var(--accent-dark); }
        a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, main:focus-visible { \#
        outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
        h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
        h1 { font-size: clamp(1.7rem, 4vw, 2.4rem); margin-top: 0.4em; }
        h2 { font-size: 1.45rem; } h3 { font-size: 1.15rem; } h4 { font-size: 1rem; }
        p, li, dd { max-width: var(--measure); }
        .skip-link { position: absolute; left: 0.5rem; top: -4rem; background: var(--ink); color: #fff; \#
        padding: 0.6rem 1rem; z-index: 10; border-radius: var(--radius); }
        .skip-link:focus { top: 0.5rem; color: #fff; }
        .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .site-header { background: var(--accent-dark); color: #fff; padding: 0.8rem var(--edge); \#
        display: flex; flex-wrap: wrap; gap: 0.6rem 2rem; align-items: center; justify-content: space-between; }
        .site-name { color: #fff; text-decoration: none; display: flex; flex-direction: column; }
        .site-name:hover { color: #fff; }
        .site-title { font-weight: 700; font-size: 1.3rem; }
        .site-claim { font-size: 0.9rem; }
        .region-map { margin: 1rem 0; max-width: 56rem; }
        .region-map svg { width: 100%; height: auto; border: 1px solid var(--line); border-radius: var(--radius); background: #fff; }
        .region-map a:focus-visible { outline: 3px solid var(--focus); }
        .region-map figcaption { color: var(--muted); font-size: 0.9rem; }
        .place h3 { margin-top: 1.2rem; }
        .site-search { display: flex; gap: 0.3rem; }
        .site-search input { font: inherit; padding: 0.35rem 0.5rem; border-radius: var(--radius); border: 1px solid #fff; min-width: 10rem; }
        .site-search button { background: #fff; color: var(--accent-dark); padding: 0.35rem 0.8rem; }
        .search-results { list-style: none; padding: 0; }
        .search-results li { border-bottom: 1px solid var(--line); padding: 0.4rem 0; }
        .search-results h2 { font-size: 1.15rem; margin: 0.4rem 0 0.2rem; }
        mark { background: #ffe58a; color: var(--ink); }
        .facets a[aria-current] { font-weight: 700; color: var(--ink); text-decoration: none; }
        .site-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
        .site-nav a { color: #fff; text-decoration: none; padding: 0.35rem 0.1rem; display: inline-block; border-bottom: 3px solid transparent; }
        .site-nav a:hover, .site-nav a[aria-current] { border-bottom-color: #fff; color: #fff; }
        .breadcrumbs { padding: 0.6rem var(--edge); background: var(--tint); font-size: 0.95rem; }
        .site-menu { display: none; }
        .site-menu summary { cursor: pointer; list-style: none; padding: 0.45rem 0.9rem; min-height: 2.75rem; display: flex; align-items: center; \#
        border: 2px solid #fff; border-radius: var(--radius); font-weight: 700; color: #fff; }
        .site-menu summary::-webkit-details-marker { display: none; }
        .site-menu summary::after { content: " ▾"; white-space: pre; }
        .site-menu[open] summary::after { content: " ▴"; }
        .site-menu ul { list-style: none; margin: 0.5rem 0 0; padding: 0; display: grid; gap: 0.1rem; }
        .site-menu a { color: #fff; display: inline-block; padding: 0.5rem 0.1rem; }
        .site-menu a[aria-current] { font-weight: 700; text-decoration: underline 3px; }
        .breadcrumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
        .breadcrumbs li + li::before { content: "›"; margin-right: 0.3rem; color: var(--muted); }
        main { display: block; padding: 1rem var(--gutter) 3rem; max-width: 75rem; margin: 0 auto; }
        .lead { font-size: 1.15rem; }
        .subtitle { font-size: 1.25rem; margin-top: -0.3rem; color: var(--muted); }
        .kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.85rem; color: var(--muted); margin-bottom: 0; }
        .guiding-question { font-style: italic; }
        .guiding-question .label { font-style: normal; font-weight: 600; }
        .meta, .result-count { color: var(--muted); font-size: 0.95rem; }
        .card-list, .event-list { list-style: none; padding: 0; margin: 1rem 0; display: grid; gap: 1rem; \#
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
        .card, .event-card { border: 1px solid var(--line); border-radius: var(--radius); \#
        padding: 1rem 1.1rem; height: 100%; background: var(--paper); }
        .card h2, .card h3, .event-card h3, .event-card h4 { margin-top: 0; font-size: 1.1rem; }
        .card-subtitle { display: block; font-weight: 400; font-size: 0.95rem; color: var(--muted); }
        .facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; margin: 0.8rem 0; }
        .follow { margin: 0.6rem 0 1rem; }
        .follow .hint { color: var(--muted); font-size: 0.9rem; margin: 0.3rem 0 0; }
        .unread-count { display: inline-block; min-width: 1.6em; padding: 0 0.45em; border-radius: 999px; background: #fff; \#
        color: var(--accent-dark) !important; font-weight: 700; text-align: center; text-decoration: none; }
        .notification-list { list-style: none; padding: 0; }
        .notification-list li { border-bottom: 1px solid var(--line); padding: 0.6rem 0 0.6rem 0.8rem; border-left: 4px solid transparent; }
        .notification-list li.unread { border-left-color: var(--accent); }
        .notification .badge { background: var(--accent); color: #fff; border-radius: var(--radius); padding: 0 0.4em; margin-right: 0.4em; \#
        font-size: 0.85rem; }
        .notification .detail, .notification .meta { margin: 0.2rem 0 0; color: var(--muted); }
        .follow-list li { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; padding: 0.3rem 0; }
        .facts dt { font-weight: 600; }
        .facts dd { margin: 0; overflow-wrap: break-word; hyphens: auto; }
        .facts .inline-list { margin: 0; }
        .tags, .inline-list { list-style: none; padding: 0; margin: 0.6rem 0; display: flex; flex-wrap: wrap; gap: 0.4rem; }
        .tags a { display: inline-block; background: var(--accent-tint); border-radius: 999px; \#
        padding: 0.15rem 0.7rem; font-size: 0.9rem; text-decoration: none; }
        .people { list-style: none; padding: 0; }
        .people li { margin-bottom: 0.5rem; }
        .person-name { font-weight: 600; display: block; }
        .person-function { color: var(--muted); }
        .filter { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; background: var(--tint); \#
        padding: 1rem; border-radius: var(--radius); margin: 1rem 0; }
        .filter .field { display: flex; flex-direction: column; gap: 0.25rem; min-width: min(100%, 16rem); }
        .filter label { font-weight: 600; }
        select, button, input { font: inherit; }
        select { padding: 0.45rem; border: 1px solid var(--muted); border-radius: var(--radius); \#
        background: #fff; color: var(--ink); max-width: 100%; }
        button { background: var(--accent); color: #fff; border: 0; border-radius: var(--radius); padding: 0.55rem 1.2rem; cursor: pointer; }
        button:hover { background: var(--accent-dark); }
        .actions { display: flex; gap: 1rem; align-items: center; }
        .hero { background: var(--accent-tint); border-radius: var(--radius); padding: 1.2rem clamp(1rem, 3vw, 2rem); }
        .hero h1 { margin-top: 0.2em; }
        .hero-motto { display: block; font-size: 1.1rem; font-weight: 400; color: var(--muted); }
        .key-figures { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
        .key-figures a { display: flex; flex-direction: column; text-decoration: none; \#
        background: #fff; border-radius: var(--radius); padding: 0.6rem 1rem; min-width: 9rem; }
        .key-figures .figure { font-size: 1.8rem; font-weight: 700; }
        .call-to-act { display: flex; flex-wrap: wrap; gap: 0.6rem 1.2rem; align-items: center; margin: 1rem 0; }
        .call-to-act p { margin: 0; font-weight: 600; }
        .button-large { font-size: 1.15rem; font-weight: 700; padding: 0.7rem 1.5rem; }
        .latest { display: grid; gap: 0 2rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); }
        .latest-list { list-style: none; padding: 0; margin: 0; }
        .latest-list li { border-bottom: 1px solid var(--line); padding: 0.5rem 0; }
        .latest-list p { margin: 0.2rem 0 0; }
        .event-past { color: var(--muted); font-weight: 600; }
        .events-past .event-card { background: var(--tint); }
        .contact-lines { white-space: pre-line; }
        .phases { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr)); }
        .phase { border: 1px solid var(--line); border-top: 6px solid var(--line); border-radius: var(--radius); padding: 0.8rem 1rem; }
        .phase h3 { margin-top: 0; }
        .phase-current { border-top-color: var(--current); background: #fff6ee; }
        .phase-state { font-weight: 600; }
        .phase-current .phase-state { color: var(--current); }
        .phase-period { color: var(--muted); margin: 0; }
        .month-nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; justify-content: space-between; }
        .calendar-scroll { overflow-x: auto; }
        .calendar-list-note { display: none; }
        .calendar { border-collapse: collapse; width: 100%; table-layout: fixed; min-width: 36rem; }
        .calendar caption { text-align: left; color: var(--muted); padding-bottom: 0.4rem; }
        .calendar th { padding: 0.4rem; background: var(--tint); }
        .calendar th abbr { text-decoration: none; }
        .calendar td { border: 1px solid var(--line); vertical-align: top; height: 5.5rem; padding: 0.3rem; \#
        font-size: 0.85rem; overflow-wrap: anywhere; hyphens: auto; }
        .calendar td.outside { background: var(--tint); }
        .calendar td.has-events { background: var(--accent-tint); }
        .calendar td.today { outline: 3px solid var(--current); outline-offset: -3px; }
        .calendar .day-number { font-weight: 700; display: block; }
        .calendar ul { list-style: none; margin: 0.2rem 0 0; padding: 0; }
        .calendar li + li { margin-top: 0.25rem; }
        .results { padding-left: 1.2rem; }
        .results li { margin-bottom: 0.5rem; }
        .results .figure { display: block; font-size: 1.1rem; }
        .as-of { font-weight: 400; color: var(--muted); font-size: 0.95rem; }
        table.partners { border-collapse: collapse; width: 100%; max-width: 48rem; }
        .partners th, .partners td { text-align: left; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); }
        .editorial { max-width: var(--measure); }
        .site-footer { background: var(--tint); padding: 1.5rem var(--edge); font-size: 0.95rem; border-top: 1px solid var(--line); }
        .site-footer ul { list-style: none; padding: 0; margin: 0 0 0.8rem; display: flex; flex-wrap: wrap; gap: 0.4rem 1.4rem; }
        .credits, .made-with { color: var(--muted); }
        .form { max-width: 40rem; display: flex; flex-direction: column; gap: 1rem; margin: 1rem 0 1.5rem; }
        .form .field { display: flex; flex-direction: column; gap: 0.3rem; }
        .form label { font-weight: 600; }
        .form input[type=text], .form input[type=email], .form input[type=password], .form input[type=date], \#
        .form input[type=time], .form input[type=url], textarea {
          font: inherit; padding: 0.5rem; border: 1px solid var(--muted); border-radius: var(--radius); \#
        width: 100%; color: var(--ink); background: #fff; }
        .field.checkbox { flex-direction: row; align-items: flex-start; gap: 0.6rem; flex-wrap: wrap; }
        .field.checkbox label { font-weight: 400; flex: 1; }
        .field.checkbox input { width: 1.3rem; height: 1.3rem; margin-top: 0.2rem; }
        .choices { border: 1px solid var(--muted); border-radius: var(--radius); padding: 0.5rem 0.8rem; max-height: 22rem; overflow-y: auto; }
        .choices legend { font-weight: 600; padding: 0 0.3rem; }
        .choices .checkbox { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.25rem 0; }
        .draft-note { background: #fff4d6; border-left: 4px solid #8a5a00; padding: 0.5rem 0.8rem; }
        .preview-field h2 { font-size: 1rem; color: var(--muted); margin-bottom: 0.2rem; }
        .hint { margin: 0; color: var(--muted); font-size: 0.95rem; }
        .optional { font-weight: 400; color: var(--muted); }
        .field-invalid input, .field-invalid textarea, .field-invalid select { border: 2px solid #b00020; }
        .field-error { margin: 0; color: #b00020; font-weight: 600; }
        .error-summary { border: 3px solid #b00020; border-radius: var(--radius); padding: 0.8rem 1rem; margin: 1rem 0; max-width: 40rem; }
        .error-summary h2 { margin-top: 0; font-size: 1.15rem; }
        .error-summary a { color: #b00020; font-weight: 600; }
        .notice { border-left: 6px solid #1d6b34; background: #eaf5ee; padding: 0.7rem 1rem; border-radius: var(--radius); max-width: 48rem; }
        .event-cancelled-notice { border-left: 6px solid #9b1c1c; background: #fdecec; padding: 0.5rem 1rem; border-radius: var(--radius); \#
        max-width: 48rem; }
        .event-cancelled-notice p { margin: 0.3rem 0; }
        .event-cancelled { display: inline-block; margin: 0 0 0.4rem; padding: 0 0.5em; border-radius: var(--radius); background: #9b1c1c; \#
        color: #fff; font-weight: 700; }
        .privacy-notice { font-size: 0.95rem; background: var(--tint); padding: 0.6rem 0.8rem; border-radius: var(--radius); margin: 0; }
        button.secondary, .button.secondary { background: #fff; color: var(--accent); border: 2px solid var(--accent); }
        button.danger { background: #b00020; }
        button.danger:hover { background: #7f0017; }
        .button { display: inline-block; background: var(--accent); color: #fff; \#
        padding: 0.55rem 1.2rem; border-radius: var(--radius); text-decoration: none; }
        .button:hover { background: var(--accent-dark); color: #fff; }
        .link-button { background: none; border: 0; padding: 0; color: var(--accent); text-decoration: underline; cursor: pointer; font: inherit; }
        .link-button:hover { background: none; color: var(--accent-dark); }
        .inline-form { display: inline; }
        fieldset { border: 1px solid var(--line); border-radius: var(--radius); padding: 0.6rem 0.9rem; margin: 0 0 0.8rem; }
        legend { font-weight: 600; padding: 0 0.3rem; }
        .star-option, .choice { display: inline-flex; align-items: center; gap: 0.3rem; margin-right: 1rem; }
        .rating-summary { font-weight: 600; }
        .status { padding: 0.4rem 0.8rem; background: var(--tint); border-radius: var(--radius); display: inline-block; }
        .status-hidden, .status-not_pursued { background: #fdecee; }
        .comment-list { list-style: none; padding-left: 0; }
        .comment-list .comment-list { padding-left: clamp(0.8rem, 3vw, 2rem); border-left: 3px solid var(--line); }
        .comment article { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
        .comment-meta { color: var(--muted); font-size: 0.95rem; margin: 0; }
        .comment-removed { font-style: italic; color: var(--muted); }
        .comment-actions { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; align-items: baseline; font-size: 0.95rem; }
        .comment-form { display: flex; flex-direction: column; gap: 0.5rem; max-width: 40rem; margin-top: 1rem; }
        .comment-form label { font-weight: 600; }
        details summary { cursor: pointer; color: var(--accent); }
        details[open] { flex-basis: 100%; }
        .idea-list { list-style: none; padding: 0; display: grid; gap: 1rem; }
        .sort-options { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
        .sort-options a[aria-current] { font-weight: 700; text-decoration: none; color: var(--ink); }
        .pagination ul { list-style: none; padding: 0; display: flex; gap: 1.5rem; align-items: center; }
        .account-link a { font-weight: 700; }
        .moderation-queue { list-style: none; padding: 0; display: grid; gap: 1.2rem; }
        blockquote { margin: 0.6rem 0; padding: 0.4rem 0.9rem; border-left: 4px solid var(--line); color: var(--ink); white-space: pre-line; }
        @media (max-width: 40rem) {
          .site-header { padding-block: 0.5rem; gap: 0.5rem 1rem; }
          .site-nav { display: none; }
          .site-menu { display: block; order: 1; }
          .site-search { order: 2; flex-basis: 100%; }
          .site-search input { flex: 1; min-width: 0; }
          .site-title { font-size: 1.15rem; }
          .site-claim { font-size: 0.8rem; }
          .calendar-scroll { display: none; }
          .calendar-list-note { display: block; }
          .facts { grid-template-columns: 1fr; }
          .facts dd { margin-bottom: 0.4rem; }
        }
        @media print {
          .site-header nav, .breadcrumbs, .skip-link, .filter, .month-nav { display: none; }
          a { color: var(--ink); }
          .card, .event-card { break-inside: avoid; }
        }
        """#

    static let etag: String = {
        let digest = Insecure.SHA1.hash(data: Data(css.utf8))
        return "\"" + digest.prefix(8).map { String(format: "%02x", $0) }.joined() + "\""
    }()

    @Sendable static func serve(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        if req.headers.first(name: .ifNoneMatch) == etag {
            return Response(status: .notModified, headers: headers)
        }
        headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: css))
    }
}
