export { createAuthService, type AuthService } from './auth-service';
export { createAuthFeature } from './feature';
export { createLoginFailureRepository } from './login-failure-repository';
export { hashPassword } from './password';
export { createSessionRepository } from './session-repository';
export { createUserRepository } from './user-repository';
export { createTokenRepository, type TokenRecord } from './token-repository';
export { createTokenService, TOKEN_PREFIX, type TokenService } from './token-service';
