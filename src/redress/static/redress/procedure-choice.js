// Progressive enhancement of the log form: as the officer picks the kind, service area and
// category, pre-select the procedure the routing table gives, and say which it is. Without
// this script the form offers "the usual procedure", which the server works out the same way
// (procedures.routing.procedure_for); this only shows the answer sooner.
const data = document.getElementById('procedure-routes')
const form = document.querySelector('[data-procedure-choice]')?.closest('form')

function routed (routes, kind, service, category) {
  const match = (r, c) => r.kind === kind && String(r.service) === service && (c === null ? r.category === null : String(r.category) === c)
  const byCategory = category ? routes.routes.find((r) => match(r, category)) : undefined
  const byService = routes.routes.find((r) => match(r, null))
  const found = byCategory || byService
  return found ? String(found.procedure) : (routes.defaults[kind] !== undefined ? String(routes.defaults[kind]) : '')
}

if (data && form) {
  const routes = JSON.parse(data.textContent)
  const select = form.querySelector('select[name="procedure"]')
  const usual = document.getElementById('procedure-usual')
  let lastRouted = null

  const update = () => {
    const kind = form.querySelector('input[name="kind"]:checked')?.value
    const service = form.querySelector('select[name="service"]')?.value
    const category = form.querySelector('select[name="category"]')?.value || null
    if (!kind || !service) return
    const procedure = routed(routes, kind, service, category)
    const option = procedure && select.querySelector(`option[value="${procedure}"]`)
    if (!option) return
    // Follow the route unless the officer has already chosen something else themselves.
    if (select.value === '' || select.value === lastRouted) select.value = procedure
    lastRouted = procedure
    usual.textContent = `The usual procedure for this case is ${option.textContent}.`
    usual.classList.remove('govuk-!-display-none')
  }
  form.addEventListener('change', (event) => {
    if (event.target !== select) update()
  })
  update()
}
