import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import { TransactionService } from '../../database/transaction.service';
import { Actor, requireSession } from '../actor';
import { API_TOKEN_PREFIX, newSecret } from '../auth/secrets';
import { ApiTokenCreatedDto, ApiTokenDto, CreateApiTokenDto } from './dto/api-token.dto';
import { ApiTokenRow, TokensRepository } from './tokens.repository';

function toDto(row: ApiTokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scopes: row.scopes,
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly tokens: TokensRepository,
    private readonly tx: TransactionService,
  ) {}

  async create(actor: Actor, dto: CreateApiTokenDto): Promise<ApiTokenCreatedDto> {
    requireSession(actor);
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new ValidationFailedError([{ field: 'expiresAt', message: 'must be in the future' }]);
    }
    const { secret, hash } = newSecret(API_TOKEN_PREFIX);
    return this.tx.run(async (m) => {
      const row = await this.tokens.insertApiToken(m, {
        userId: actor.userId,
        name: dto.name,
        prefix: secret.slice(0, API_TOKEN_PREFIX.length + 4),
        hash,
        scopes: [...dto.scopes].sort(),
        expiresAt,
      });
      return { ...toDto(row), token: secret };
    });
  }

  async list(actor: Actor): Promise<ApiTokenDto[]> {
    return (await this.tokens.listApiTokens(actor.userId)).map(toDto);
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    const revoked = await this.tx.run((m) => this.tokens.revokeApiToken(m, actor.userId, id));
    if (!revoked) throw new NotFoundError('API token', id);
  }
}
