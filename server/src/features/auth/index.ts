export { createAuthService, type AuthService } from './auth-service';
export { createLoginFailureRepository } from './login-failure-repository';
export { hashPassword } from './password';
export { createAuthRouter } from './router';
export { createSessionRepository } from './session-repository';
export { createUserRepository } from './user-repository';
