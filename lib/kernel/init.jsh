// Run by the Softmax Lab Java kernel at start-up (kernel.json sets RJK_INIT_SCRIPT to this file).
// Show plain values as text, as JShell does, rather than as HTML.
options().set("display.defaultMime", "text/plain");
