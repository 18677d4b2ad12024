"""Opens notebooks in the classic Jupyter Notebook page in headless Chromium (Selenium) and uses them as a person would.

Run with Debian's /usr/bin/python3 (python3-selenium, chromium-driver) against a running `jupyter notebook` server:

    /usr/bin/python3 notebook_browser_check.py --url http://127.0.0.1:PORT --token TOKEN --work DIR notebooks/01-x.ipynb ...

For every notebook: Run All, then no error output, every Plotly chart drawn (a .js-plotly-plot holding an svg.main-svg
for every chart output), and a completion list after typing a dot in a new code cell. On the last notebook also: the
interrupt button stops a running cell, and a restart gives a fresh kernel that runs a cell. The notebook is never saved
(autosave off). One browser session serves every notebook. Prints one "ok ..." line per check; exits non-zero at the
first failure (with a screenshot in DIR).
"""
import argparse
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

CELL_TIMEOUT = 900


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(str(message)[:3000])


def wait_for(driver, script, timeout, what, poll=0.25):
    """Polls a JavaScript expression until it returns a truthy value; returns it."""
    deadline = time.time() + timeout
    while True:
        value = driver.execute_script("try { return (" + script + "); } catch (e) { return null; }")
        if value:
            return value
        if time.time() > deadline:
            raise CheckFailed(f"timed out after {timeout} s waiting for {what}")
        time.sleep(poll)


def browser(work):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1400,1000", f"--user-data-dir={os.path.join(work, 'chromium-profile')}"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


KERNEL_IDLE = "Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() && !Jupyter.notebook.kernel_busy"


def open_notebook(driver, url, token, path):
    driver.get(f"{url}/notebooks/{path}?token={token}")
    wait_for(driver, "window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded", 120, f"{path} to load")
    # Never write the notebook back (the workspace's notebooks are committed without outputs).
    driver.execute_script("Jupyter.notebook.set_autosave_interval(0); Jupyter.notebook.writable = false;")
    wait_for(driver, KERNEL_IDLE, 180, f"the kernel of {path} to be ready")


def code_cells_state(driver):
    return driver.execute_script("""
        return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => ({
            prompt: c.input_prompt_number === undefined ? null : String(c.input_prompt_number),
            outputs: c.output_area.outputs.map(o => ({
                type: o.output_type,
                ename: o.ename || null, evalue: o.evalue || null,
                mimes: o.data ? Object.keys(o.data) : [],
                chart: !!(o.data && (o.data['application/vnd.plotly.v1+json'] ||
                          (o.data['text/html'] && /Plotly\\.newPlot\\(['"]/.test(o.data['text/html'])))),
            })),
        }));""")


def run_all(driver, path):
    driver.execute_script("Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells();")
    started = time.time()
    # Every code cell that has source gets a number (not '*', not empty) once the kernel ran it.
    wait_for(driver, """Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim() !== '')
                         .every(c => typeof c.input_prompt_number === 'number')""", CELL_TIMEOUT, f"{path}: every cell to run", poll=1)
    wait_for(driver, KERNEL_IDLE, 60, f"{path}: the kernel to be idle")
    cells = code_cells_state(driver)
    errors = [(i, o["ename"], o["evalue"]) for i, c in enumerate(cells) for o in c["outputs"] if o["type"] == "error"]
    check(not errors, f"{path}: error output {errors}")
    print(f"ok {path}: ran {len(cells)} code cells without an error in {time.time() - started:.0f} s", flush=True)
    return sum(1 for c in cells for o in c["outputs"] if o["chart"])


def charts_drawn(driver, path, expected):
    drawn = wait_for(driver, f"""(() => {{
        const plots = Array.from(document.querySelectorAll('#notebook .output_area .js-plotly-plot'));
        const ok = plots.filter(p => p.querySelector('svg.main-svg'));
        return plots.length >= {expected} && ok.length === plots.length ? {{drawn: ok.length}} : null;
    }})()""", 120, f"{path}: {expected} charts to be drawn")["drawn"]
    check(drawn == expected, f"{path}: {drawn} charts drawn, {expected} chart outputs")
    print(f"ok {path}: {drawn} charts drawn", flush=True)


def new_cell(driver, text):
    """Adds a code cell at the end, puts the text in it and the cursor at its end; returns the cell's index."""
    index = driver.execute_script("""
        const nb = Jupyter.notebook;
        const cell = nb.insert_cell_at_bottom('code');
        const index = nb.find_cell_index(cell);
        nb.select(index); nb.edit_mode();
        cell.set_text(arguments[0]);
        cell.code_mirror.focus();
        cell.code_mirror.setCursor(cell.code_mirror.lineCount(), 0);
        cell.element[0].scrollIntoView();
        return index;""", text)
    return index


def completion(driver, path):
    new_cell(driver, 'var greeting = "hello";\ngreeting')
    active = driver.switch_to.active_element
    active.send_keys(".")
    active.send_keys(Keys.TAB)
    options = wait_for(driver, """(() => {
        const select = document.querySelector('#complete select');
        return select && select.options.length ? Array.from(select.options).map(o => o.value) : null;
    })()""", 60, f"{path}: a completion list after a dot")
    check("Length" in options and "ToUpper" in options, f"{path}: completion list without Length/ToUpper: {options[:20]}")
    active.send_keys(Keys.ESCAPE)
    print(f"ok {path}: completion after a dot lists {len(options)} members (Length, ToUpper, ...)", flush=True)


def cell_done(driver, index, seconds, what, output_type):
    """Waits until the cell has its prompt number and an output of output_type. The prompt number comes with the
    execute reply (shell channel), the outputs on the iopub channel, and the server relays the two channels
    independently, so the reply can reach the page first: seen once under load, an interrupted cell numbered with only
    its stream output. Nor does the page's idle flag tell that the outputs are in: the kernel reports busy and idle
    around every request, the interrupt request on the control channel included (as the protocol asks), and the
    classic page does not look at which request a status belongs to. So the wait is for the output itself."""
    wait_for(driver, f"typeof Jupyter.notebook.get_cell({index}).input_prompt_number === 'number'", seconds, what)
    wait_for(driver, f"Jupyter.notebook.get_cell({index}).output_area.outputs.some(o => o.output_type === '{output_type}')",
             seconds, f"{what}: its {output_type} output")


def interrupt(driver, path):
    index = new_cell(driver, 'Console.WriteLine("looping");\nwhile (true) { System.Threading.Thread.Sleep(20); }')
    driver.execute_script("Jupyter.notebook.execute_cells([arguments[0]]);", index)
    wait_for(driver, f"Jupyter.notebook.get_cell({index}).output_area.outputs.some(o => o.output_type === 'stream')", 120,
             f"{path}: the looping cell to print")
    started = time.time()
    driver.find_element(By.CSS_SELECTOR, "button[data-jupyter-action='jupyter-notebook:interrupt-kernel']").click()
    cell_done(driver, index, 60, f"{path}: the interrupted cell to end", "error")
    outputs = driver.execute_script(f"return Jupyter.notebook.get_cell({index}).output_area.outputs.map(o => [o.output_type, o.ename || '']);")
    check(["error", "Interrupted"] in outputs or ["error", "Cancelled"] in outputs, f"{path}: interrupted cell's outputs {outputs}")
    wait_for(driver, KERNEL_IDLE, 60, f"{path}: the kernel to be idle after the interrupt")
    print(f"ok {path}: the interrupt button stopped a running cell in {time.time() - started:.1f} s", flush=True)


def restart(driver, path):
    before = driver.execute_script("return Jupyter.notebook.kernel.id;")
    driver.execute_script("Jupyter.notebook.kernel.restart();")
    wait_for(driver, "Jupyter.notebook.kernel.is_connected() && !Jupyter.notebook.kernel_busy && document.querySelector('#notification_kernel') && !/Restarting/i.test(document.querySelector('#notification_kernel').textContent)",
             180, f"{path}: the kernel to restart")
    index = new_cell(driver, "greeting")  # defined before the restart: gone now
    driver.execute_script("Jupyter.notebook.execute_cells([arguments[0]]);", index)
    cell_done(driver, index, 120, f"{path}: a cell after the restart", "error")
    outputs = driver.execute_script(f"return Jupyter.notebook.get_cell({index}).output_area.outputs.map(o => [o.output_type, o.evalue || '']);")
    check(len(outputs) == 1 and outputs[0][0] == "error" and "greeting" in outputs[0][1], f"{path}: after the restart {outputs}")
    count = driver.execute_script(f"return Jupyter.notebook.get_cell({index}).input_prompt_number;")
    check(count == 1, f"{path}: the first cell after the restart is numbered {count}")
    index = new_cell(driver, "40 + 2")
    driver.execute_script("Jupyter.notebook.execute_cells([arguments[0]]);", index)
    cell_done(driver, index, 120, f"{path}: a second cell after the restart", "execute_result")
    text = driver.execute_script(f"return Jupyter.notebook.get_cell({index}).output_area.outputs.map(o => o.data && o.data['text/plain']).join('');")
    check(text == "42", f"{path}: 40 + 2 after the restart gave {text!r}")
    print(f"ok {path}: restart (kernel {before} restarted; state gone, cells run)", flush=True)


def close(driver):
    """Shuts the notebook's kernel down, so one kernel at a time holds memory."""
    driver.execute_script("Jupyter.notebook.session.delete();")
    wait_for(driver, "!Jupyter.notebook.kernel || !Jupyter.notebook.kernel.is_connected()", 60, "the kernel to shut down")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    driver = browser(args.work)
    path = None
    try:
        for number, path in enumerate(args.notebooks):
            open_notebook(driver, args.url, args.token, path)
            charts = run_all(driver, path)
            charts_drawn(driver, path, charts)
            completion(driver, path)
            if number == len(args.notebooks) - 1:
                interrupt(driver, path)
                restart(driver, path)
            close(driver)
        print(json.dumps({"notebooks": len(args.notebooks)}), flush=True)
    except CheckFailed as failure:
        driver.save_screenshot(os.path.join(args.work, "failure.png"))
        logs = [entry["message"] for entry in driver.get_log("browser")][-20:] if hasattr(driver, "get_log") else []
        print(f"FAILED: {failure}\nbrowser console: {logs}", flush=True)
        sys.exit(1)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
