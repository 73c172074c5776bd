import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { parseIfMatch } from '../common/concurrency';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { UuidParam } from '../common/uuid-param';
import { CurrentActor } from '../identity/auth/auth.decorators';
import type { Actor } from '../identity/actor';
import { CardsService } from './cards.service';
import { DiscussService } from './discuss.service';
import {
  ActionItemDto,
  CreateActionItemDto,
  ToBacklogDto,
  UpdateActionItemDto,
} from './dto/action-item.dto';
import { CreateGroupDto, UpdateGroupDto } from './dto/group.dto';
import {
  CreateCardDto,
  CreateNoteDto,
  MoveRetroCardDto,
  UpdateCardDto,
  VoteDto,
} from './dto/retrospective.dto';
import { RetroCardDto, GroupDto, MyVotesDto, NoteDto } from './dto/retrospective-view.dto';
import { ToBacklogResultDto } from './dto/to-backlog.dto';
import { VotesService } from './votes.service';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag (version), e.g. "3"' };
const RETRO = ['retroId', 'Retrospective'] as const;

/** Cards, groups, votes, notes and action items of one retrospective. */
@ApiTags('retrospectives')
@ApiBearerAuth()
@Controller('retrospectives/:retroId')
export class RetroBoardController {
  constructor(
    private readonly cards: CardsService,
    private readonly votes: VotesService,
    private readonly discuss: DiscussService,
  ) {}

  @Post('cards')
  @ApiOperation({ summary: 'Write a card (collect phase)' })
  @ApiResponse({ status: 201, type: RetroCardDto })
  @ApiProblems(401, 403, 404, 409)
  addCard(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @Body() dto: CreateCardDto,
  ): Promise<RetroCardDto> {
    return this.cards.add(actor, retroId, dto);
  }

  @Patch('cards/:cardId')
  @ApiOperation({ summary: 'Edit your own card (collect phase)' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 200, type: RetroCardDto })
  @ApiProblems(401, 403, 404, 409, 412, 428)
  updateCard(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @UuidParam('cardId', 'Retrospective card') cardId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateCardDto,
  ): Promise<RetroCardDto> {
    return this.cards.update(actor, retroId, cardId, parseIfMatch(ifMatch), dto);
  }

  @Delete('cards/:cardId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete your own card (collect phase)' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404, 409, 412, 428)
  deleteCard(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @UuidParam('cardId', 'Retrospective card') cardId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.cards.remove(actor, retroId, cardId, parseIfMatch(ifMatch));
  }

  @Put('cards/:cardId/group')
  @ApiOperation({ summary: 'Move a card into a group, or out of its group (group phase)' })
  @ApiResponse({ status: 200, type: RetroCardDto })
  @ApiProblems(401, 403, 404, 409)
  moveCard(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @UuidParam('cardId', 'Retrospective card') cardId: string,
    @Body() dto: MoveRetroCardDto,
  ): Promise<RetroCardDto> {
    return this.cards.move(actor, retroId, cardId, dto);
  }

  @Post('groups')
  @ApiOperation({ summary: 'Merge cards into a new group with a title (group phase)' })
  @ApiResponse({ status: 201, type: GroupDto })
  @ApiProblems(401, 403, 404, 409)
  createGroup(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @Body() dto: CreateGroupDto,
  ): Promise<GroupDto> {
    return this.cards.group(actor, retroId, dto);
  }

  @Patch('groups/:groupId')
  @ApiOperation({ summary: 'Rename a group (group phase)' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 200, type: GroupDto })
  @ApiProblems(401, 403, 404, 409, 412, 428)
  renameGroup(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @UuidParam('groupId', 'Retrospective group') groupId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateGroupDto,
  ): Promise<GroupDto> {
    return this.cards.renameGroup(actor, retroId, groupId, parseIfMatch(ifMatch), dto);
  }

  @Delete('groups/:groupId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ungroup: the cards stay, out of any group (group phase)' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 204 })
  @ApiProblems(401, 403, 404, 409, 412, 428)
  ungroup(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @UuidParam('groupId', 'Retrospective group') groupId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.cards.ungroup(actor, retroId, groupId, parseIfMatch(ifMatch));
  }

  @Get('votes/mine')
  @ApiOperation({ summary: 'Your votes and what is left of your budget' })
  @ApiResponse({ status: 200, type: MyVotesDto })
  @ApiProblems(401, 404)
  myVotes(@CurrentActor() actor: Actor, @UuidParam(...RETRO) retroId: string): Promise<MyVotesDto> {
    return this.votes.mine(actor, retroId);
  }

  @Post('votes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give one vote to a group (vote phase)' })
  @ApiResponse({ status: 200, type: MyVotesDto })
  @ApiProblems(401, 403, 404, 409)
  vote(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @Body() dto: VoteDto,
  ): Promise<MyVotesDto> {
    return this.votes.cast(actor, retroId, dto.groupId);
  }

  @Delete('votes/:groupId')
  @ApiOperation({ summary: 'Take back one of your votes on a group (vote phase)' })
  @ApiResponse({ status: 200, type: MyVotesDto })
  @ApiProblems(401, 403, 404, 409)
  unvote(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @UuidParam('groupId', 'Retrospective group') groupId: string,
  ): Promise<MyVotesDto> {
    return this.votes.withdraw(actor, retroId, groupId);
  }

  @Post('notes')
  @ApiOperation({ summary: 'Add a discussion note (discuss phase)' })
  @ApiResponse({ status: 201, type: NoteDto })
  @ApiProblems(401, 403, 404, 409)
  addNote(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @Body() dto: CreateNoteDto,
  ): Promise<NoteDto> {
    return this.discuss.addNote(actor, retroId, dto);
  }

  @Post('action-items')
  @ApiOperation({ summary: 'Agree an action item: text, owner, due date (discuss phase)' })
  @ApiResponse({ status: 201, type: ActionItemDto })
  @ApiProblems(401, 403, 404, 409)
  createActionItem(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @Body() dto: CreateActionItemDto,
  ): Promise<ActionItemDto> {
    return this.discuss.createActionItem(actor, retroId, dto);
  }

  @Patch('action-items/:actionItemId')
  @ApiOperation({ summary: 'Edit an action item (discuss); mark it done (any time)' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 200, type: ActionItemDto })
  @ApiProblems(401, 403, 404, 409, 412, 428)
  updateActionItem(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @UuidParam('actionItemId', 'Action item') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() dto: UpdateActionItemDto,
  ): Promise<ActionItemDto> {
    return this.discuss.updateActionItem(actor, retroId, id, parseIfMatch(ifMatch), dto);
  }

  @Post('action-items/:actionItemId/to-backlog')
  @ApiOperation({ summary: 'Create a linked backlog item from the action item' })
  @ApiResponse({ status: 201, type: ToBacklogResultDto })
  @ApiProblems(401, 403, 404, 409)
  toBacklog(
    @CurrentActor() actor: Actor,
    @UuidParam(...RETRO) retroId: string,
    @UuidParam('actionItemId', 'Action item') id: string,
    @Body() dto: ToBacklogDto,
  ): Promise<ToBacklogResultDto> {
    return this.discuss.toBacklog(actor, retroId, id, dto);
  }
}
