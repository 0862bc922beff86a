#!/usr/bin/env python3
"""Render an executed notebook's pictures to PNG files, to look at them outside an editor.

    python3 tools/preview/render_outputs.py artifacts/notebooks/01-what-is-a-gan.ipynb artifacts/preview/01

Image outputs (image/png) are written as they are; Plotly outputs (application/vnd.plotly.v1+json) are drawn with
plotly.js in headless Chromium and screenshotted. GanKit's frame sliders (HTML outputs) are screenshotted three times:
as first shown, after a click on their last step (a script in the page around the output clicks it; the slider itself
has none), and without their style sheet, as a sanitizing front end shows them. Needs Debian's `chromium` and npm; plotly.js is installed into
artifacts/preview/ at the version GanKit's HTML fallback uses (read from lib/GanKit/Display/PlotlyChart.cs).
The committed chapter pictures in notebooks/images/ were made this way.
"""
import base64, json, os, re, subprocess, sys

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def plotly_script():
    source = open(os.path.join(root, "lib", "GanKit", "Display", "PlotlyChart.cs"), encoding="utf-8").read()
    version = re.search(r"plotly-(\d+\.\d+\.\d+)\.min\.js", source).group(1)
    prefix = os.path.join(root, "artifacts", "preview")
    script = os.path.join(prefix, "node_modules", "plotly.js-dist-min", "plotly.min.js")
    if not os.path.exists(script):
        subprocess.run(["npm", "install", "--silent", "--prefix", prefix, f"plotly.js-dist-min@{version}"], check=True)
    return script


def screenshot(page, picture, width, height):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={os.path.join(root, 'artifacts', 'preview', 'chromium-profile')}",
                    "--allow-file-access-from-files", f"--screenshot={picture}", f"--window-size={width},{height}",
                    "--virtual-time-budget=3000", "file://" + page], check=True, capture_output=True)
    print(picture)


def slider_pictures(html, output_folder, stem):
    click_last = """<script>const labels = document.querySelectorAll('.gankit-steps label'); labels[labels.length - 1].click();</script>"""
    without_style = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    for name, body in [("shown", html), ("last-step-clicked", html + click_last), ("without-style", without_style)]:
        page = os.path.join(output_folder, f"{stem}-slider-{name}.html")
        with open(page, "w", encoding="utf-8") as file:
            file.write(f'<html><head><meta charset="utf-8"></head><body style="margin:8px;font-family:sans-serif">{body}</body></html>')
        screenshot(page, page[:-len(".html")] + ".png", 1000, 900)


def text(value):
    return "".join(value) if isinstance(value, list) else value


def main(notebook_path, output_folder):
    output_folder = os.path.abspath(output_folder)
    os.makedirs(output_folder, exist_ok=True)
    notebook = json.load(open(notebook_path, encoding="utf-8"))
    script = None
    count = 0
    for cell_index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                count += 1
                path = os.path.join(output_folder, f"cell{cell_index:02d}-{count}-image.png")
                open(path, "wb").write(base64.b64decode(text(data["image/png"])))
                print(path)
            if "text/html" in data and "gankit-slider" in text(data["text/html"]):
                count += 1
                slider_pictures(text(data["text/html"]), output_folder, f"cell{cell_index:02d}-{count}")
            if "application/vnd.plotly.v1+json" in data:
                figure = data["application/vnd.plotly.v1+json"]
                figure = json.loads(text(figure)) if not isinstance(figure, dict) else figure
                script = script or plotly_script()
                count += 1
                height = figure["layout"].get("height", 420)
                page = os.path.join(output_folder, f"cell{cell_index:02d}-{count}-chart.html")
                with open(page, "w", encoding="utf-8") as file:
                    file.write(f"""<html><head><meta charset="utf-8"><script src="file://{script}"></script></head>
<body style="margin:0"><div id="chart" style="width:900px;height:{height}px"></div>
<script>Plotly.newPlot("chart", {json.dumps(figure["data"])}, {json.dumps(figure["layout"])}, {{staticPlot: true}});</script>
</body></html>""")
                screenshot(page, page[:-len(".html")] + ".png", 900, height)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
