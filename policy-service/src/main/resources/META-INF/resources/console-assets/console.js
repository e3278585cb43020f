// The console's htmx settings: a 400 answer (the API's field errors) is swapped in like any other answer;
// 204 swaps nothing (the HX-Redirect header leads on).
htmx.config.responseHandling = [
  { code: "204", swap: false },
  { code: "[23]..", swap: true },
  { code: "400", swap: true, error: false },
  { code: "[45]..", swap: false, error: true }
];
function reviveReadFile(input, target) {
  const f = input.files && input.files[0];
  if (!f) return;
  f.text().then(t => { document.getElementById(target).value = t; });
}
