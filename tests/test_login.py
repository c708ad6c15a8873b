"""Logging in and out, lockout after repeated failures, sessions that expire."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_in_chinese(client):
    response = client.get(reverse("login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "登录" in body and "密码" in body
    assert 'lang="zh-hans"' in body


def test_demo_account_logs_in_and_lands_home(client):
    response = client.post(reverse("login"), {"username": "office", "password": "kenli2014"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_says_so_in_chinese(client):
    response = client.post(reverse("login"), {"username": "office", "password": "wrong"})
    assert response.status_code == 200
    assert "密码" in response.content.decode() and "错误" in response.content.decode()


def test_repeated_failures_lock_the_account(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "secretary", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "secretary", "password": "kenli2014"})
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_accounts_are_not_locked_by_someone_elses_failures(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "secretary", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "office", "password": "kenli2014"})
    assert response.status_code == 302


def test_logout_ends_the_session(client_for):
    client = client_for("office")
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_sessions_expire():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_english_is_selectable(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    body = client.get(reverse("login")).content.decode()
    assert "Log in" in body and 'lang="en"' in body
