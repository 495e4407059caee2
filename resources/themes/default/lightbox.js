// Caption Desk lightbox: click or Enter on a thumbnail opens the large photo; Left/Right move,
// Esc closes and focus returns to the thumbnail. Text goes in with textContent, never innerHTML.
(function () {
  "use strict";
  var dataNode = document.getElementById("gallery-data");
  var dialog = document.getElementById("lightbox");
  if (!dataNode || !dialog || typeof dialog.showModal !== "function") {
    return; // no <dialog>: the thumbnails stay plain links to the large images
  }
  var photos = JSON.parse(dataNode.textContent);
  var image = document.getElementById("lightbox-image");
  var caption = document.getElementById("lightbox-caption");
  var position = dialog.querySelector(".lightbox-position");
  var links = Array.prototype.slice.call(document.querySelectorAll("a.thumb[data-index]"));
  var current = 0;
  var opener = null;

  function show(index) {
    current = (index + photos.length) % photos.length;
    var photo = photos[current];
    image.src = photo.src;
    image.alt = photo.alt;
    image.width = photo.width;
    image.height = photo.height;
    caption.textContent = "";
    photo.parts.forEach(function (part) {
      var span = document.createElement("span");
      span.className = part[0];
      span.textContent = part[1];
      caption.appendChild(span);
    });
    position.textContent = (current + 1) + " / " + photos.length;
    var next = photos[(current + 1) % photos.length];
    if (next) { new Image().src = next.src; } // preload the likely next photo
  }

  function open(index, from) {
    opener = from || document.activeElement;
    show(index);
    if (!dialog.open) { dialog.showModal(); }
    dialog.querySelector(".lightbox-close").focus();
  }

  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
        return; // let the browser open the large image in a new tab
      }
      event.preventDefault();
      open(Number(link.getAttribute("data-index")), link);
    });
  });

  dialog.querySelector(".lightbox-prev").addEventListener("click", function () { show(current - 1); });
  dialog.querySelector(".lightbox-next").addEventListener("click", function () { show(current + 1); });
  dialog.querySelector(".lightbox-close").addEventListener("click", function () { dialog.close(); });
  var buttons = Array.prototype.slice.call(dialog.querySelectorAll("button"));
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
    else if (event.key === "Tab") {
      // A modal keeps the page inert but lets Tab leave for the browser's toolbar; cycle instead.
      var first = buttons[0];
      var last = buttons[buttons.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  });
  // A click on the dark area around the photo closes, as in every other lightbox.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog || event.target.classList.contains("lightbox-frame")) { dialog.close(); }
  });
  // Esc is handled by <dialog> itself (it closes and keeps focus trapped while open).
  dialog.addEventListener("close", function () {
    image.removeAttribute("src");
    if (opener && typeof opener.focus === "function") { opener.focus(); }
  });
}());
