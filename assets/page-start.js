// What a page does once it appears, without a callback: its outer element names it in data
// attributes (layouts/a11y.py page_start). On a fresh page these change nothing but the address,
// and each clientside callback that runs as a page appears costs a round of the renderer's work.
//
// data-address: the page's whole view as the query of its address (the server's answer for the
// URL). It takes the place of what was typed, so a copied link keeps the view; the dcc.Location
// named in data-address-of is told the new address as its href, or it would put back the one it
// saw when it appeared (unless it holds the new address already).
// data-narrow: the id of a store set true on a phone-sized screen (below Bootstrap's "sm", as
// layouts/figures/theme.py PHONE): the figures are drawn for a wide screen first.
//
// It also gives the tab the title of the page that appeared (below), and opens the next page at
// its top when asked (window.hzwPageStart.scrollToTopOnArrival, used by assets/navigation.js).
(function () {
  var pending = false;
  // A scroll to the top asked for: the page shown then, and until when to wait for the next one.
  var scrollWanted = null;

  function setProps(id, props) {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props(id, props);
    }
  }

  // The props of component ``id`` as Dash holds them, or null when it is not on the page. Also
  // read by assets/page_request.js (window.hzwHeldProps).
  function heldProps(id) {
    var api = window.dash_component_api;
    try {
      var component = api && api.getLayout ? api.getLayout(id) : null;
      return (component && component.props) || null;
    } catch (error) {
      return null;
    }
  }

  window.hzwHeldProps = heldProps;

  // Pages started already: kept here, not marked on the page (a change to it after it was drawn).
  var startedPages = new WeakSet();

  function start(page) {
    startedPages.add(page);
    var search = page.getAttribute("data-address");
    if (search && window.location.search !== search) {
      window.history.replaceState(
        window.history.state,
        "",
        window.location.pathname + search + window.location.hash
      );
      // The server fills the Location with this address already (layouts/page_container.py
      // view_location); telling Dash again would cost a round of the renderer's work.
      var location = page.getAttribute("data-address-of");
      if ((heldProps(location) || {}).href !== window.location.href) {
        setProps(location, { href: window.location.href });
      }
    }
    var narrow = page.getAttribute("data-narrow");
    if (narrow && window.innerWidth < 576) {
      setProps(narrow, { data: true });
    }
  }

  // The tab's title: the routing callback puts the new page's title in Dash's pages store
  // (layouts/page_container.py title_by_page_script); it is copied as the new page appears.
  function title() {
    var data = (heldProps("_pages_store") || {}).data;
    var wanted = data && data.title;
    if (typeof wanted === "string" && wanted && document.title !== wanted) {
      document.title = wanted;
    }
  }

  // Scrolled in the frame the next page (or an error in its place) first appears in, so that frame
  // shows its top.
  function scrollIfArrived(started) {
    if (!scrollWanted) {
      return;
    }
    var content = document.getElementById("_pages_content");
    var arrived = started || !content || content.firstElementChild !== scrollWanted.leaving;
    if (arrived || Date.now() > scrollWanted.until) {
      scrollWanted = null;
      if (arrived) {
        window.scrollTo(0, 0);
      }
    }
  }

  function look() {
    pending = false;
    title();
    var pages = Array.prototype.filter.call(document.querySelectorAll("[data-address-of]"), function (page) {
      return !startedPages.has(page);
    });
    pages.forEach(start);
    scrollIfArrived(pages.length > 0);
  }

  window.hzwPageStart = {
    // The next page to appear opens at its top; a page that never comes (the request failed)
    // leaves nothing waiting after 30 s.
    scrollToTopOnArrival: function () {
      var content = document.getElementById("_pages_content");
      scrollWanted = { leaving: content ? content.firstElementChild : null, until: Date.now() + 30000 };
    },
  };

  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(look);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
