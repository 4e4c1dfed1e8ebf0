"""``vnplan serve OUT/``: review and correct the documents of an output folder in the browser.

``store`` reads and writes the folder (versions, atomic writes, the batch dataset kept in step),
``pages`` renders page images on demand, ``app`` is the web application (JSON API and two pages),
``static/`` the page's own script and style (no build step, no library).
"""
