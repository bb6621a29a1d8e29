vcl 4.1;

# Varnish in front of the gunicorn app (Debian bookworm: Varnish 7.1). See docs/varnish.md.
#
# Django decides what is cacheable: public pages carry "public, max-age, s-maxage,
# stale-while-revalidate, stale-if-error", anything personal "private, no-store". This file
# only keeps requests that would make a shared copy wrong away from the cache, folds URLs that
# mean the same page onto one object, and keeps pages up while the app is down.

import std;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    # gunicorn kills a worker after 30 s; waiting longer would only hold the client.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
    # /healthz answers 503 when the database is gone. A sick backend is not asked at all, so
    # readers get the stale copy at once instead of each waiting for the app to fail.
    .probe = {
        .url = "/healthz";
        .timeout = 2s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
    }
    # The probe and HTTP/1.0 requests without a Host need a name Django accepts: it must be
    # one of ALLOWED_HOSTS, or /healthz answers 400 and the app is never healthy.
    .host_header = "kredsraad.dk";
}

# Who may evict pages: Wagtail's frontend cache (HTTPBackend) running on this machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

# Who may say a request came in over TLS (nginx in front, sending X-Forwarded-Proto). Django
# trusts the header (SECURE_PROXY_SSL_HEADER), so from anyone else it is overwritten.
acl tls_terminators {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    call vcl_req_host;

    # X-Grace-Mode carries the grace decision across restarts; a client must not preset it.
    if (req.restarts == 0) {
        unset req.http.X-Grace-Mode;
        if (local.socket == "tls") {
            # hitch (PROXY protocol, which sends no headers) connects to the listener named
            # "tls" (varnishd -a tls=127.0.0.1:8443,PROXY): all of its requests came over TLS.
            set req.http.X-Forwarded-Proto = "https";
        } elsif (client.ip !~ tls_terminators || req.http.X-Forwarded-Proto != "https") {
            # Two values only: anything else would split the cache (see vcl_backend_response).
            set req.http.X-Forwarded-Proto = "http";
        }
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging not allowed"));
        }
        # The object was stored under the normalised URL, so the purge must name that one.
        call normalize_url;
        return (purge);
    }

    # Anything but GET/HEAD changes state or is personal (forms post with their CSRF cookie).
    call vcl_req_method;

    # The admin (previews included) is personal; /healthz must report the app, not a copy.
    if (req.url ~ "^/admin(/|\?|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    # A request's receipt names the association: Django sends it private, no-store, and it is
    # passed here as well, so no later change of its headers can make it a shared copy.
    if (req.url ~ "[?&]kvittering=") {
        return (pass);
    }

    # Static files are the same for everyone, editors included, and Django never reads their
    # cookies; without this an editor's every asset would go past the cache to gunicorn.
    if (req.url ~ "^/static/") {
        unset req.http.Cookie;
    }

    # A session means a logged-in editor (user bar, draft links) or a password given for a
    # restricted page: that reader's pages are not everyone's.
    if (req.http.Cookie ~ "(^|;)\s*sessionid=") {
        return (pass);
    }

    call vcl_req_authorization;

    # Without a session Django renders the same page for everyone, so the remaining cookies
    # (csrftoken, analytics, consent) only split the cache. A form page still gets a fresh
    # CSRF cookie: Django sets one and marks that response private, no-store.
    unset req.http.Cookie;

    # LocaleMiddleware sends "Vary: Accept-Language", but the public site has one language
    # (LANGUAGES = da): every browser's header would be a copy of the same page. With a second
    # public language, map the header onto the supported codes here instead.
    unset req.http.Accept-Language;

    call normalize_url;

    if (req.http.X-Grace-Mode == "fresh") {
        # vcl_hit found only a copy older than stale-while-revalidate allows: fetch anew.
        set req.grace = 0s;
    } elsif (req.http.X-Grace-Mode == "stale-if-error") {
        # The fetch failed: now the copy's own grace (stale-if-error) is the only limit. A
        # restart keeps req.grace, so the 0s above must be lifted explicitly.
        set req.grace = 1y;
    }
    return (hash);
}

# Campaign and click identifiers are read by analytics scripts in the browser, never by
# Django; left in, every shared link would be a cache miss of its own. Sorting makes
# ?b=1&a=2 and ?a=2&b=1 one object.
sub normalize_url {
    set req.url = regsuball(
        req.url,
        "(?<=[?&])(utm_[A-Za-z0-9_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|twclid|ttclid|li_fat_id|_hsenc|_hsmi|mkt_tok|srsltid)(=[^&]*)?(&|$)",
        "");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);
}

sub vcl_hit {
    # Varnish keeps a page for max(stale-if-error, stale-while-revalidate) after it expires
    # (vcl_backend_response). While the app is healthy only stale-while-revalidate applies:
    # within it the stale copy is served and refreshed in the background; beyond it the
    # reader waits for a fresh page. The longer window is for when the app is down.
    if (obj.ttl < 0s &&
        req.http.X-Grace-Mode != "stale-if-error" &&
        std.healthy(req.backend_hint) &&
        obj.ttl + std.duration(obj.http.X-Stale-While-Revalidate + "s", 0s) <= 0s) {
        set req.http.X-Grace-Mode = "fresh";
        return (restart);
    }
    return (deliver);
}

sub vcl_backend_response {
    # An error page must not replace a stale copy: any completed fetch, even an uncacheable
    # one, supersedes it. Abandoning keeps the copy: a background refresh simply ends, and a
    # reader whose copy was too old (X-Grace-Mode, which is why it reaches the backend too)
    # gets it from vcl_synth. A miss without a copy delivers Django's own error page.
    if (beresp.status >= 500 && (bereq.is_bgfetch || bereq.http.X-Grace-Mode == "fresh")) {
        return (abandon);
    }

    # Passed requests (admin, sessions, POST) are never stored.
    if (bereq.uncacheable) {
        return (deliver);
    }
    # The builtin rules, explicitly: no TTL, Set-Cookie (the CSRF cookie of a form, a login),
    # private/no-store/no-cache and Vary: * become hit-for-miss objects. Set-Cookie is left
    # as it is: the cookie reaches the one reader it was meant for.
    call vcl_beresp_stale;
    call vcl_beresp_cookie;
    call vcl_beresp_control;
    call vcl_beresp_vary;

    # Only cacheable objects get here; their TTL is Varnish's own reading of s-maxage, then
    # max-age, then Expires. Varnish 7.1 also sets beresp.grace from stale-while-revalidate
    # (default_grace, 10 s, without it), but ignores stale-if-error. vcl_hit needs the
    # revalidation window, so it is kept on the object before grace is widened.
    set beresp.http.X-Stale-While-Revalidate = beresp.grace;
    set beresp.grace = std.duration(
        regsub(beresp.http.Cache-Control, "^.*\bstale-if-error=(\d+).*$", "\1s"), 24h);
    if (beresp.grace < std.duration(beresp.http.X-Stale-While-Revalidate + "s", 0s)) {
        set beresp.grace = std.duration(beresp.http.X-Stale-While-Revalidate + "s", 0s);
    }
    # After grace a copy with a validator can still save a body transfer (304).
    if (beresp.http.ETag || beresp.http.Last-Modified) {
        set beresp.keep = 24h;
    }

    # A plain-HTTP request gets Django's redirect to HTTPS; it must not be served to HTTPS
    # readers (a redirect loop). A Vary rather than a hash entry, so one PURGE (which carries
    # no scheme) removes both.
    if (!beresp.http.Vary) {
        set beresp.http.Vary = "X-Forwarded-Proto";
    } elsif (beresp.http.Vary !~ "(?i)(^|,)\s*X-Forwarded-Proto\s*(,|$)") {
        set beresp.http.Vary = beresp.http.Vary + ", X-Forwarded-Proto";
    }
    return (deliver);
}

sub vcl_backend_error {
    # The app did not answer (refused, timed out, sick): as above.
    if (bereq.is_bgfetch || bereq.http.X-Grace-Mode == "fresh") {
        return (abandon);
    }
}

sub vcl_synth {
    # The fetch for a copy older than stale-while-revalidate failed: look once more,
    # accepting that copy within stale-if-error. Only after vcl_hit saw one, so a miss does
    # not ask a failing app twice.
    if (resp.status == 503 && req.http.X-Grace-Mode == "fresh") {
        set req.http.X-Grace-Mode = "stale-if-error";
        return (restart);
    }
}

sub vcl_deliver {
    unset resp.http.X-Stale-While-Revalidate;
    # The scheme is Varnish's own variant; browsers never send X-Forwarded-Proto.
    if (resp.http.Vary) {
        set resp.http.Vary = regsuball(resp.http.Vary, "(?i)(^|,)\s*X-Forwarded-Proto\s*(?=,|$)", "");
        set resp.http.Vary = regsub(resp.http.Vary, "^\s*,\s*", "");
        if (resp.http.Vary == "") {
            unset resp.http.Vary;
        }
    }
    return (deliver);
}
