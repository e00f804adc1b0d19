/*
 * Upgrade Assist: shows every <time class="when" datetime="…"> in the reader's own time zone, with the zone's name,
 * and keeps the UTC text the server rendered as the element's title (on hover). Plain script, no framework; without
 * it the pages show UTC. Elements marked class="local-only" (hidden by default) are shown once times are local.
 */
(function () {
  'use strict';

  var format;
  try {
    format = new Intl.DateTimeFormat(undefined, {
      year: 'numeric', month: 'short', day: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
    });
  } catch (e) {
    return; // no Intl: the UTC text stays
  }

  function zoneName() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (e) {
      return '';
    }
  }

  function localize(root) {
    var times = (root || document).querySelectorAll('time.when[datetime]');
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      if (el.getAttribute('data-utc') !== null) {
        continue; // already shown locally
      }
      var when = new Date(el.getAttribute('datetime'));
      if (isNaN(when.getTime())) {
        continue;
      }
      var utc = (el.textContent || '').trim();
      el.setAttribute('data-utc', utc);
      el.setAttribute('title', utc);
      el.textContent = format.format(when);
    }
    var zone = zoneName();
    var names = (root || document).querySelectorAll('.local-zone');
    for (var j = 0; j < names.length; j++) {
      names[j].textContent = zone;
    }
    var onlyLocal = (root || document).querySelectorAll('.local-only');
    for (var k = 0; k < onlyLocal.length; k++) {
      onlyLocal[k].hidden = false;
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { localize(document); });
  } else {
    localize(document);
  }
})();
