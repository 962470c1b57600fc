import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import LoginPage from '../../miniapp/src/pages/login/index';
import { clearSession, getSession } from '../../miniapp/src/services/session';
import { fakeServer } from './support/fake-server';

const user = { id: 7, role: 'director', orgId: 12, name: '李春梅' };

/** Taro's H5 <Input> is a web component: type into it with the event it emits. */
function typeInto(placeholder: string, value: string) {
  const input = document.querySelector(`[placeholder="${placeholder}"]`);
  if (!input) throw new Error(`no input with placeholder ${placeholder}`);
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

function submit() {
  const button = document.querySelector('.wbt-login__submit');
  if (!button) throw new Error('no submit button');
  fireEvent.click(button);
}

let reLaunch: jest.SpyInstance;

beforeEach(() => {
  clearSession();
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' });
});

afterEach(() => jest.restoreAllMocks());

describe('login page', () => {
  it('shows Chinese field messages and sends nothing when the form is empty', async () => {
    const server = fakeServer(() => ({ statusCode: 500 }));
    render(<LoginPage />);

    submit();

    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(await screen.findByText('请输入密码')).toBeTruthy();
    expect(server.calls).toHaveLength(0);
  });

  it("shows the server's message when the password is wrong", async () => {
    fakeServer(() => ({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } } }));
    render(<LoginPage />);

    typeInto('请输入用户名', 'zhuren01');
    typeInto('请输入密码', 'wrong-password');
    submit();

    expect(await screen.findByText('用户名或密码错误')).toBeTruthy();
    expect(getSession()).toBeNull();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('signs in, stores the session and opens the workbench', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: { accessToken: 'access-1', refreshToken: 'refresh-1', user } }));
    render(<LoginPage />);

    typeInto('请输入用户名', '  zhuren01 ');
    typeInto('请输入密码', 'Demo@2026');
    submit();

    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/staff/pages/workbench/index' }));
    expect(server.calls[0]).toMatchObject({
      url: '/api/auth/login',
      method: 'POST',
      data: { username: 'zhuren01', password: 'Demo@2026' },
    });
    expect(server.calls[0].header.Authorization).toBeUndefined();
    expect(getSession()).toMatchObject({ accessToken: 'access-1', user: { name: '李春梅' } });
  });

  it('opens the password page instead when the password was set by someone else', async () => {
    fakeServer(() => ({ statusCode: 200, data: { accessToken: 'access-1', refreshToken: 'refresh-1', user: { ...user, mustChangePassword: true } } }));
    render(<LoginPage />);
    typeInto('请输入用户名', 'zhuren_new');
    typeInto('请输入密码', 'Initial-pass-77');
    submit();
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/staff/pages/admin/password?forced=1' }));
  });
});
