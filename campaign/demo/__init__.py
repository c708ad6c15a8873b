"""The demo county (垦利县, 2014) and its copies for load tests.

``seed(counties=N)`` replaces whatever an earlier seed made with N counties of about
900 party organisations and 16,000 members each; it refuses a database holding data
it did not make. ``manage.py seed_demo`` wraps it. (``campaign.demo.build``)
"""
