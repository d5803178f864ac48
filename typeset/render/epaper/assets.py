"""The site's style sheet and script, written as assets/epaper.css and assets/epaper.js.

Nothing is loaded from the network: the fonts are the reader's own (a CJK serif for the text,
a sans for the furniture), the script is this one file. The page view fits the page image to
the screen (its width on a phone, its height on a wide screen; without the script, its
width); the zoom buttons (and the browser's own pinch zoom) enlarge it inside a pannable
viewport. Zones show on hover and keyboard focus, always faintly on touch screens,
and all at once with 显示热区 (or `#zones` in the address).
"""

CSS = """\
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#eeebe4;color:#1b1b1b;
 font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
a{color:#0b4f9c}
.masthead{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3em 1em;padding:.6em 1em;
 background:#b3141b;color:#fff}
.masthead a{color:#fff;text-decoration:none}
.masthead .paper{font-size:1.5em;font-weight:700;letter-spacing:.08em;
 font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif}
.pager{display:flex;flex-wrap:wrap;align-items:center;gap:.4em .8em;padding:.5em 1em;
 background:#fff;border-bottom:1px solid #d8d3c8}
.pager a,.pager span.off{padding:.2em .6em;border:1px solid #c9c2b3;border-radius:3px;
 text-decoration:none;white-space:nowrap}
.pager span.off{color:#aaa}
.pager .current{font-weight:700}
.layout{display:flex;gap:1em;padding:1em;align-items:flex-start}
.sheet{flex:1 1 auto;min-width:0}
.tools{display:flex;gap:.4em;margin-bottom:.5em}
.tools button{font:inherit;padding:.25em .8em;border:1px solid #c9c2b3;border-radius:3px;
 background:#fff;cursor:pointer}
.tools button[aria-pressed=true]{background:#0b4f9c;color:#fff}
.viewport{overflow:auto;max-height:calc(100vh - 9em);background:#fff;
 border:1px solid #d8d3c8;-webkit-overflow-scrolling:touch;touch-action:pan-x pan-y pinch-zoom}
.canvas{position:relative;width:100%;margin:0 auto}
.canvas img{display:block;width:100%;height:auto}
.canvas svg{position:absolute;left:0;top:0;width:100%;height:100%}
.zone polygon{fill:rgba(11,79,156,0);stroke:none;cursor:pointer}
.zone:hover polygon,.zone:focus polygon,.show-zones .zone polygon{fill:rgba(11,79,156,.16);
 stroke:rgba(11,79,156,.85);stroke-width:2px;vector-effect:non-scaling-stroke}
@media (hover:none){.zone polygon{fill:rgba(11,79,156,.07);stroke:rgba(11,79,156,.5);
 stroke-width:1px;vector-effect:non-scaling-stroke}}
.sidebar{flex:0 0 17em;background:#fff;border:1px solid #d8d3c8;padding:.2em 1em 1em}
.sidebar h2{font-size:1em;margin:.8em 0 .4em;border-bottom:2px solid #b3141b;padding-bottom:.2em}
.titles{margin:0;padding-left:1.4em;line-height:1.6}
.titles .cont{color:#777;font-size:.85em}
.thumbs{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(2,1fr);
 gap:.6em}
.thumbs a{display:block;text-align:center;text-decoration:none;font-size:.85em;color:#333}
.thumbs img{display:block;width:100%;height:auto;border:1px solid #ccc}
.thumbs .current img{outline:3px solid #b3141b}
article{max-width:42em;margin:1em auto;padding:1.2em 1.4em 2em;background:#fff;
 border:1px solid #d8d3c8;overflow-wrap:anywhere}
article .column{display:inline-block;margin:0 0 .6em;padding:.1em .6em;background:#b3141b;
 color:#fff;font-size:.9em}
article .kicker{margin:.2em 0;font-size:1.05em;color:#444}
article h1{margin:.2em 0;font-size:1.75em;line-height:1.35;
 font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC",sans-serif}
article .deck{margin:.3em 0;font-size:1.1em;color:#444}
article .meta{margin:.8em 0;color:#666;font-size:.9em}
article .meta span{margin-right:1em}
article figure{margin:1em 0}
article figure img{display:block;max-width:100%;height:auto}
article figcaption{font-size:.9em;color:#444;margin-top:.4em;line-height:1.6}
article .credit{display:inline-block;margin-left:.5em;color:#777}
article .body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",serif;
 font-size:1.1em;line-height:1.9}
article .body p{margin:0 0 .6em;text-indent:2em}
article .body p.noindent,article .body p.byline,article .body p.signature{text-indent:0}
article .body p.byline,article .body p.signature{text-align:right}
article .body h2{font-size:1.05em;margin:1em 0 .5em}
article .dateline{font-weight:700;
 font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC",sans-serif}
article .onpages{margin-top:1.5em;padding-top:.6em;border-top:1px solid #ddd;font-size:.9em}
@media (max-width:760px){
 .layout{flex-direction:column;align-items:stretch;padding:.5em}
 .sheet{width:100%}
 .sidebar{flex:none;width:100%}
 .thumbs{grid-template-columns:repeat(4,1fr)}
 .viewport{max-height:75vh}
 article{margin:0;border:none;padding:1em}
 article h1{font-size:1.45em}
}
"""

JS = """\
(function () {
  "use strict";
  var canvas = document.getElementById("canvas");
  var viewport = document.getElementById("viewport");
  var toggle = document.querySelector("[data-zones]");
  function showZones(on) {
    document.body.classList.toggle("show-zones", on);
    if (toggle) { toggle.setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      showZones(!document.body.classList.contains("show-zones"));
    });
  }
  if (location.hash === "#zones") { showZones(true); }
  if (canvas && viewport) {
    var img = canvas.querySelector("img");
    var ratio = img.getAttribute("width") / img.getAttribute("height");
    var zoom = 1;
    // 适应: the whole page in view (its width on a phone, its height on a wide screen)
    var fit = function () {
      var room = window.innerHeight - viewport.getBoundingClientRect().top - 12;
      return Math.min(viewport.clientWidth, Math.max(room, 240) * ratio);
    };
    var setZoom = function (next) {
      next = Math.max(1, Math.min(8, next));
      var cx = (viewport.scrollLeft + viewport.clientWidth / 2) / canvas.offsetWidth;
      var cy = (viewport.scrollTop + viewport.clientHeight / 2) / canvas.offsetHeight;
      zoom = next;
      canvas.style.width = Math.floor(fit() * zoom) + "px";
      viewport.scrollLeft = cx * canvas.offsetWidth - viewport.clientWidth / 2;
      viewport.scrollTop = cy * canvas.offsetHeight - viewport.clientHeight / 2;
    };
    Array.prototype.forEach.call(document.querySelectorAll("[data-zoom]"), function (b) {
      b.addEventListener("click", function () {
        var how = b.getAttribute("data-zoom");
        setZoom(how === "in" ? zoom * 1.5 : how === "out" ? zoom / 1.5 : 1);
      });
    });
    setZoom(1);
    window.addEventListener("resize", function () { setZoom(zoom); });
  }
})();
"""
